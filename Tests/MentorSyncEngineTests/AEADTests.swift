import XCTest
@testable import MentorSyncEngine
import MentorSyncDemo
import MentorSyncTestSupport

/// ChaCha20, Poly1305, AEAD_CHACHA20_POLY1305 (RFC 8439) and HKDF-SHA256 (RFC 5869).
///
/// Every vector below is copied byte for byte from the RFC text (the section is named next to it)
/// and was cross-checked against an independent implementation (pyca/cryptography) when written.
final class AEADTests: XCTestCase {

    // MARK: - RFC 8439 section 2.1.1: quarter round

    func testQuarterRound_RFC8439_2_1_1() {
        var a: UInt32 = 0x1111_1111, b: UInt32 = 0x0102_0304, c: UInt32 = 0x9b8d_6f43, d: UInt32 = 0x0123_4567
        ChaCha20.quarterRound(&a, &b, &c, &d)
        XCTAssertEqual(a, 0xea2a_92f4)
        XCTAssertEqual(b, 0xcb1c_f8ce)
        XCTAssertEqual(c, 0x4581_472e)
        XCTAssertEqual(d, 0x5881_c4bb)
    }

    // RFC 8439 section 2.2.1: QUARTERROUND(2, 7, 8, 13) on a sample state.
    func testQuarterRoundOnState_RFC8439_2_2_1() {
        var s: [UInt32] = [
            0x879531e0, 0xc5ecf37d, 0x516461b1, 0xc9a62f8a,
            0x44c20ef3, 0x3390af7f, 0xd9fc690b, 0x2a5f714c,
            0x53372767, 0xb00a5631, 0x974c541a, 0x359e9963,
            0x5c971061, 0x3d631689, 0x2098d9d6, 0x91dbd320,
        ]
        var (a, b, c, d) = (s[2], s[7], s[8], s[13])
        ChaCha20.quarterRound(&a, &b, &c, &d)
        (s[2], s[7], s[8], s[13]) = (a, b, c, d)
        XCTAssertEqual(s, [
            0x879531e0, 0xc5ecf37d, 0xbdb886dc, 0xc9a62f8a,
            0x44c20ef3, 0x3390af7f, 0xd9fc690b, 0xcfacafd2,
            0xe46bea80, 0xb00a5631, 0x974c541a, 0x359e9963,
            0x5c971061, 0xccc07c79, 0x2098d9d6, 0x91dbd320,
        ])
    }

    // MARK: - RFC 8439 section 2.3.2: block function

    func testBlockFunction_RFC8439_2_3_2() throws {
        // RFC 8439 section 2.3.2
        try checkBlock(
            key: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            nonce: "000000090000004a00000000",
            counter: 1,
            keystream: """
            10 f1 e7 e4 d1 3b 59 15 50 0f dd 1f a3 20 71 c4
            c7 d1 f4 c7 33 c0 68 03 04 22 aa 9a c3 d4 6c 4e
            d2 82 64 46 07 9f aa 09 14 c2 d7 05 d9 8b 02 a2
            b5 12 9c d1 de 16 4e b9 cb d0 83 e8 a2 50 3c 4e
            """)
    }

    // MARK: - RFC 8439 section 2.4.2: encryption

    func testEncryption_RFC8439_2_4_2() throws {
        XCTAssertEqual(Hex.bytes(Self.sunscreenPlaintext),
                       Array("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.".utf8))
        // RFC 8439 section 2.4.2
        try checkChaCha20(
            key: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            nonce: "000000000000004a00000000",
            counter: 1,
            plaintext: Self.sunscreenPlaintext,
            ciphertext: """
            6e 2e 35 9a 25 68 f9 80 41 ba 07 28 dd 0d 69 81
            e9 7e 7a ec 1d 43 60 c2 0a 27 af cc fd 9f ae 0b
            f9 1b 65 c5 52 47 33 ab 8f 59 3d ab cd 62 b3 57
            16 39 d6 24 e6 51 52 ab 8f 53 0c 35 9f 08 61 d8
            07 ca 0d bf 50 0d 6a 61 56 a3 8e 08 8a 22 b6 5e
            52 bc 51 4d 16 cc f8 06 81 8c e9 1a b7 79 37 36
            5a f9 0b bf 74 a3 5b e6 b4 0b 8e ed f2 78 5e 42
            87 4d
            """)
    }

    // MARK: - RFC 8439 section 2.5.2: Poly1305

    func testPoly1305_RFC8439_2_5_2() throws {
        // RFC 8439 section 2.5.2 ("Cryptographic Forum Research Group")
        try checkPoly1305(
            key: "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
            message: """
            43 72 79 70 74 6f 67 72 61 70 68 69 63 20 46 6f
            72 75 6d 20 52 65 73 65 61 72 63 68 20 47 72 6f
            75 70
            """,
            tag: "a8061dc1305136c6c22b8baf0c0127a9")
    }

    // MARK: - RFC 8439 section 2.6.2: Poly1305 key generation

    func testPoly1305KeyGeneration_RFC8439_2_6_2() throws {
        // RFC 8439 section 2.6.2
        try checkKeyGeneration(
            key: "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
            nonce: "000000000001020304050607",
            oneTimeKey: """
            8a d5 a0 8b 90 5f 81 cc 81 50 40 27 4a b2 94 71
            a8 33 b6 37 e3 fd 0d a5 08 db b8 e2 fd d1 a6 46
            """)
    }

    // MARK: - RFC 8439 section 2.8.2: AEAD

    func testAEAD_RFC8439_2_8_2() throws {
        // RFC 8439 section 2.8.2: nonce = 32-bit fixed-common part 07 00 00 00 | IV 40 .. 47
        try checkAEAD(
            key: "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
            nonce: "07000000 4041424344454647",
            aad: "50515253c0c1c2c3c4c5c6c7",
            plaintext: Self.sunscreenPlaintext,
            ciphertext: """
            d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2
            a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6
            3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b
            1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36
            92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58
            fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc
            3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b
            61 16
            """,
            tag: "1ae10b594f09e26a7e902ecbd0600691")
    }

    /// RFC 8439 section 2.8.2, intermediate values: the one-time key, and Poly1305 over the
    /// "AEAD Construction for Poly1305" buffer (4 zero bytes after the AAD, 14 after the
    /// ciphertext, then le64(12) and le64(114)) gives the tag.
    func testAEADConstruction_RFC8439_2_8_2() throws {
        let key = Hex.bytes("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
        let nonce = Hex.bytes("070000004041424344454647")
        let otk = try ChaChaPoly.poly1305Key(key: key, nonce: nonce)
        XCTAssertEqual(otk, Hex.bytes("""
            7b ac 2b 25 2d b4 47 af 09 b6 7a 55 a4 e9 55 84
            0a e1 d6 73 10 75 d9 eb 2a 93 75 78 3e d5 53 ff
            """))
        let macData = Hex.bytes("""
            50 51 52 53 c0 c1 c2 c3 c4 c5 c6 c7 00 00 00 00
            d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2
            a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6
            3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b
            1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36
            92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58
            fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc
            3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b
            61 16 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            0c 00 00 00 00 00 00 00 72 00 00 00 00 00 00 00
            """)
        XCTAssertEqual(try Poly1305.authenticate(macData, key: otk), Hex.bytes("1ae10b594f09e26a7e902ecbd0600691"))
    }

    // MARK: - RFC 8439 Appendix A.1: ChaCha20 block function

    func testBlockFunction_RFC8439_A_1() throws {
        // RFC 8439 Appendix A.1, test vector #1
        try checkBlock(
            key: "0000000000000000000000000000000000000000000000000000000000000000",
            nonce: "000000000000000000000000",
            counter: 0,
            keystream: """
            76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28
            bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
            da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37
            6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86
            """)
        // RFC 8439 Appendix A.1, test vector #2
        try checkBlock(
            key: "0000000000000000000000000000000000000000000000000000000000000000",
            nonce: "000000000000000000000000",
            counter: 1,
            keystream: """
            9f 07 e7 be 55 51 38 7a 98 ba 97 7c 73 2d 08 0d
            cb 0f 29 a0 48 e3 65 69 12 c6 53 3e 32 ee 7a ed
            29 b7 21 76 9c e6 4e 43 d5 71 33 b0 74 d8 39 d5
            31 ed 1f 28 51 0a fb 45 ac e1 0a 1f 4b 79 4d 6f
            """)
        // RFC 8439 Appendix A.1, test vector #3
        try checkBlock(
            key: "0000000000000000000000000000000000000000000000000000000000000001",
            nonce: "000000000000000000000000",
            counter: 1,
            keystream: """
            3a eb 52 24 ec f8 49 92 9b 9d 82 8d b1 ce d4 dd
            83 20 25 e8 01 8b 81 60 b8 22 84 f3 c9 49 aa 5a
            8e ca 00 bb b4 a7 3b da d1 92 b5 c4 2f 73 f2 fd
            4e 27 36 44 c8 b3 61 25 a6 4a dd eb 00 6c 13 a0
            """)
        // RFC 8439 Appendix A.1, test vector #4
        try checkBlock(
            key: "00ff000000000000000000000000000000000000000000000000000000000000",
            nonce: "000000000000000000000000",
            counter: 2,
            keystream: """
            72 d5 4d fb f1 2e c4 4b 36 26 92 df 94 13 7f 32
            8f ea 8d a7 39 90 26 5e c1 bb be a1 ae 9a f0 ca
            13 b2 5a a2 6c b4 a6 48 cb 9b 9d 1b e6 5b 2c 09
            24 a6 6c 54 d5 45 ec 1b 73 74 f4 87 2e 99 f0 96
            """)
        // RFC 8439 Appendix A.1, test vector #5
        try checkBlock(
            key: "0000000000000000000000000000000000000000000000000000000000000000",
            nonce: "000000000000000000000002",
            counter: 0,
            keystream: """
            c2 c6 4d 37 8c d5 36 37 4a e2 04 b9 ef 93 3f cd
            1a 8b 22 88 b3 df a4 96 72 ab 76 5b 54 ee 27 c7
            8a 97 0e 0e 95 5c 14 f3 a8 8e 74 1b 97 c2 86 f7
            5f 8f c2 99 e8 14 83 62 fa 19 8a 39 53 1b ed 6d
            """)
    }

    // MARK: - RFC 8439 Appendix A.2: ChaCha20 encryption

    func testEncryption_RFC8439_A_2() throws {
        // RFC 8439 Appendix A.2, test vector #1
        try checkChaCha20(
            key: "0000000000000000000000000000000000000000000000000000000000000000",
            nonce: "000000000000000000000000",
            counter: 0,
            plaintext: """
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            """,
            ciphertext: """
            76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28
            bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
            da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37
            6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86
            """)
        // RFC 8439 Appendix A.2, test vector #2
        try checkChaCha20(
            key: "0000000000000000000000000000000000000000000000000000000000000001",
            nonce: "000000000000000000000002",
            counter: 1,
            plaintext: Self.ietfContributionPlaintext,
            ciphertext: """
            a3 fb f0 7d f3 fa 2f de 4f 37 6c a2 3e 82 73 70
            41 60 5d 9f 4f 4f 57 bd 8c ff 2c 1d 4b 79 55 ec
            2a 97 94 8b d3 72 29 15 c8 f3 d3 37 f7 d3 70 05
            0e 9e 96 d6 47 b7 c3 9f 56 e0 31 ca 5e b6 25 0d
            40 42 e0 27 85 ec ec fa 4b 4b b5 e8 ea d0 44 0e
            20 b6 e8 db 09 d8 81 a7 c6 13 2f 42 0e 52 79 50
            42 bd fa 77 73 d8 a9 05 14 47 b3 29 1c e1 41 1c
            68 04 65 55 2a a6 c4 05 b7 76 4d 5e 87 be a8 5a
            d0 0f 84 49 ed 8f 72 d0 d6 62 ab 05 26 91 ca 66
            42 4b c8 6d 2d f8 0e a4 1f 43 ab f9 37 d3 25 9d
            c4 b2 d0 df b4 8a 6c 91 39 dd d7 f7 69 66 e9 28
            e6 35 55 3b a7 6c 5c 87 9d 7b 35 d4 9e b2 e6 2b
            08 71 cd ac 63 89 39 e2 5e 8a 1e 0e f9 d5 28 0f
            a8 ca 32 8b 35 1c 3c 76 59 89 cb cf 3d aa 8b 6c
            cc 3a af 9f 39 79 c9 2b 37 20 fc 88 dc 95 ed 84
            a1 be 05 9c 64 99 b9 fd a2 36 e7 e8 18 b0 4b 0b
            c3 9c 1e 87 6b 19 3b fe 55 69 75 3f 88 12 8c c0
            8a aa 9b 63 d1 a1 6f 80 ef 25 54 d7 18 9c 41 1f
            58 69 ca 52 c5 b8 3f a3 6f f2 16 b9 c1 d3 00 62
            be bc fd 2d c5 bc e0 91 19 34 fd a7 9a 86 f6 e6
            98 ce d7 59 c3 ff 9b 64 77 33 8f 3d a4 f9 cd 85
            14 ea 99 82 cc af b3 41 b2 38 4d d9 02 f3 d1 ab
            7a c6 1d d2 9c 6f 21 ba 5b 86 2f 37 30 e3 7c fd
            c4 fd 80 6c 22 f2 21
            """)
        // RFC 8439 Appendix A.2, test vector #3
        try checkChaCha20(
            key: "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
            nonce: "000000000000000000000002",
            counter: 42,
            plaintext: Self.jabberwockyPlaintext,
            ciphertext: """
            62 e6 34 7f 95 ed 87 a4 5f fa e7 42 6f 27 a1 df
            5f b6 91 10 04 4c 0d 73 11 8e ff a9 5b 01 e5 cf
            16 6d 3d f2 d7 21 ca f9 b2 1e 5f b1 4c 61 68 71
            fd 84 c5 4f 9d 65 b2 83 19 6c 7f e4 f6 05 53 eb
            f3 9c 64 02 c4 22 34 e3 2a 35 6b 3e 76 43 12 a6
            1a 55 32 05 57 16 ea d6 96 25 68 f8 7d 3f 3f 77
            04 c6 a8 d1 bc d1 bf 4d 50 d6 15 4b 6d a7 31 b1
            87 b5 8d fd 72 8a fa 36 75 7a 79 7a c1 88 d1
            """)
    }

    // MARK: - RFC 8439 Appendix A.3: Poly1305

    func testPoly1305_RFC8439_A_3() throws {
        // RFC 8439 Appendix A.3, test vector #1: all-zero key and text
        try checkPoly1305(
            key: "0000000000000000000000000000000000000000000000000000000000000000",
            message: """
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            """,
            tag: "00000000000000000000000000000000")
        // RFC 8439 Appendix A.3, test vector #2: r = 0, so the tag is s
        try checkPoly1305(
            key: "00000000000000000000000000000000 36e5f6b5c5e06070f0efca96227a863e",
            message: Self.ietfContributionPlaintext,
            tag: "36e5f6b5c5e06070f0efca96227a863e")
        // RFC 8439 Appendix A.3, test vector #3: s = 0
        try checkPoly1305(
            key: "36e5f6b5c5e06070f0efca96227a863e 00000000000000000000000000000000",
            message: Self.ietfContributionPlaintext,
            tag: "f3477e7cd95417af89a6b8794c310cf0")
        // RFC 8439 Appendix A.3, test vector #4
        try checkPoly1305(
            key: "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
            message: Self.jabberwockyPlaintext,
            tag: "4541669a7eaaee61e708dc7cbcc5eb62")
        // RFC 8439 Appendix A.3, test vector #5: the partially reduced final result is not fully reduced
        try checkPoly1305(
            key: "02000000000000000000000000000000 00000000000000000000000000000000",
            message: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
            tag: "03000000000000000000000000000000")
        // RFC 8439 Appendix A.3, test vector #6: the addition of s overflows modulo 2^128
        try checkPoly1305(
            key: "02000000000000000000000000000000 FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
            message: "02000000000000000000000000000000",
            tag: "03000000000000000000000000000000")
        // RFC 8439 Appendix A.3, test vector #7: a data limb is all ones with a carry from the lower limb
        try checkPoly1305(
            key: "01000000000000000000000000000000 00000000000000000000000000000000",
            message: """
            FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF
            F0 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF
            11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            """,
            tag: "05000000000000000000000000000000")
        // RFC 8439 Appendix A.3, test vector #8: the polynomial part is exactly 2^130-5
        try checkPoly1305(
            key: "01000000000000000000000000000000 00000000000000000000000000000000",
            message: """
            FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF
            FB FE FE FE FE FE FE FE FE FE FE FE FE FE FE FE
            01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01
            """,
            tag: "00000000000000000000000000000000")
        // RFC 8439 Appendix A.3, test vector #9: the polynomial part is exactly 2^130-6
        try checkPoly1305(
            key: "02000000000000000000000000000000 00000000000000000000000000000000",
            message: "FDFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
            tag: "FAFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")
        // RFC 8439 Appendix A.3, test vector #10: 5*H+L-type reduction gives a 131-bit intermediate result
        try checkPoly1305(
            key: "01000000000000000400000000000000 00000000000000000000000000000000",
            message: """
            E3 35 94 D7 50 5E 43 B9 00 00 00 00 00 00 00 00
            33 94 D7 50 5E 43 79 CD 01 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            """,
            tag: "14000000000000005500000000000000")
        // RFC 8439 Appendix A.3, test vector #11: 5*H+L-type reduction gives a 131-bit final result
        try checkPoly1305(
            key: "01000000000000000400000000000000 00000000000000000000000000000000",
            message: """
            E3 35 94 D7 50 5E 43 B9 00 00 00 00 00 00 00 00
            33 94 D7 50 5E 43 79 CD 01 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            """,
            tag: "13000000000000000000000000000000")
    }

    // MARK: - RFC 8439 Appendix A.4: Poly1305 key generation

    func testPoly1305KeyGeneration_RFC8439_A_4() throws {
        // RFC 8439 Appendix A.4, test vector #1
        try checkKeyGeneration(
            key: "0000000000000000000000000000000000000000000000000000000000000000",
            nonce: "000000000000000000000000",
            oneTimeKey: """
            76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28
            bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
            """)
        // RFC 8439 Appendix A.4, test vector #2
        try checkKeyGeneration(
            key: "0000000000000000000000000000000000000000000000000000000000000001",
            nonce: "000000000000000000000002",
            oneTimeKey: """
            ec fa 25 4f 84 5f 64 74 73 d3 cb 14 0d a9 e8 76
            06 cb 33 06 6c 44 7b 87 bc 26 66 dd e3 fb b7 39
            """)
        // RFC 8439 Appendix A.4, test vector #3
        try checkKeyGeneration(
            key: "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
            nonce: "000000000000000000000002",
            oneTimeKey: """
            96 5e 3b c6 f9 ec 7e d9 56 08 08 f4 d2 29 f9 4b
            13 7f f2 75 ca 9b 3f cb dd 59 de aa d2 33 10 ae
            """)
    }

    // MARK: - RFC 8439 Appendix A.5: AEAD decryption

    func testAEADDecryption_RFC8439_A_5() throws {
        // RFC 8439 Appendix A.5
        try checkAEAD(
            key: "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
            nonce: "000000000102030405060708",
            aad: "f33388860000000000004e91",
            plaintext: """
            49 6e 74 65 72 6e 65 74 2d 44 72 61 66 74 73 20
            61 72 65 20 64 72 61 66 74 20 64 6f 63 75 6d 65
            6e 74 73 20 76 61 6c 69 64 20 66 6f 72 20 61 20
            6d 61 78 69 6d 75 6d 20 6f 66 20 73 69 78 20 6d
            6f 6e 74 68 73 20 61 6e 64 20 6d 61 79 20 62 65
            20 75 70 64 61 74 65 64 2c 20 72 65 70 6c 61 63
            65 64 2c 20 6f 72 20 6f 62 73 6f 6c 65 74 65 64
            20 62 79 20 6f 74 68 65 72 20 64 6f 63 75 6d 65
            6e 74 73 20 61 74 20 61 6e 79 20 74 69 6d 65 2e
            20 49 74 20 69 73 20 69 6e 61 70 70 72 6f 70 72
            69 61 74 65 20 74 6f 20 75 73 65 20 49 6e 74 65
            72 6e 65 74 2d 44 72 61 66 74 73 20 61 73 20 72
            65 66 65 72 65 6e 63 65 20 6d 61 74 65 72 69 61
            6c 20 6f 72 20 74 6f 20 63 69 74 65 20 74 68 65
            6d 20 6f 74 68 65 72 20 74 68 61 6e 20 61 73 20
            2f e2 80 9c 77 6f 72 6b 20 69 6e 20 70 72 6f 67
            72 65 73 73 2e 2f e2 80 9d
            """,
            ciphertext: """
            64 a0 86 15 75 86 1a f4 60 f0 62 c7 9b e6 43 bd
            5e 80 5c fd 34 5c f3 89 f1 08 67 0a c7 6c 8c b2
            4c 6c fc 18 75 5d 43 ee a0 9e e9 4e 38 2d 26 b0
            bd b7 b7 3c 32 1b 01 00 d4 f0 3b 7f 35 58 94 cf
            33 2f 83 0e 71 0b 97 ce 98 c8 a8 4a bd 0b 94 81
            14 ad 17 6e 00 8d 33 bd 60 f9 82 b1 ff 37 c8 55
            97 97 a0 6e f4 f0 ef 61 c1 86 32 4e 2b 35 06 38
            36 06 90 7b 6a 7c 02 b0 f9 f6 15 7b 53 c8 67 e4
            b9 16 6c 76 7b 80 4d 46 a5 9b 52 16 cd e7 a4 e9
            90 40 c5 a4 04 33 22 5e e2 82 a1 b0 a0 6c 52 3e
            af 45 34 d7 f8 3f a1 15 5b 00 47 71 8c bc 54 6a
            0d 07 2b 04 b3 56 4e ea 1b 42 22 73 f5 48 27 1a
            0b b2 31 60 53 fa 76 99 19 55 eb d6 31 59 43 4e
            ce bb 4e 46 6d ae 5a 10 73 a6 72 76 27 09 7a 10
            49 e6 17 d9 1d 36 10 94 fa 68 f0 ff 77 98 71 30
            30 5b ea ba 2e da 04 df 99 7b 71 4d 6c 6f 2c 29
            a6 ad 5c b4 02 2b 02 70 9b
            """,
            tag: "eead9d67890cbb22392336fea1851f38")
        // RFC 8439 Appendix A.5: the one-time Poly1305 key of this message.
        try checkKeyGeneration(
            key: "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
            nonce: "000000000102030405060708",
            oneTimeKey: """
            bd f0 4a a9 5c e4 de 89 95 b1 4b b6 a1 8f ec af
            26 47 8f 50 c0 54 f5 63 db c0 a2 1e 26 15 72 aa
            """)
    }

    // MARK: - RFC 5869 Appendix A: HKDF-SHA256

    func testHKDF_RFC5869_A() {
        // RFC 5869 Appendix A.1, test case 1: basic test case with SHA-256
        checkHKDF(
            ikm: "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            salt: "000102030405060708090a0b0c",
            info: "f0f1f2f3f4f5f6f7f8f9",
            length: 42,
            prk: "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            okm: """
            3cb25f25faacd57a90434f64d0362f2a
            2d2d0a90cf1a5a4c5db02d56ecc4c5bf
            34007208d5b887185865
            """)
        // RFC 5869 Appendix A.2, test case 2: SHA-256 with longer inputs/outputs
        checkHKDF(
            ikm: """
            000102030405060708090a0b0c0d0e0f
            101112131415161718191a1b1c1d1e1f
            202122232425262728292a2b2c2d2e2f
            303132333435363738393a3b3c3d3e3f
            404142434445464748494a4b4c4d4e4f
            """,
            salt: """
            606162636465666768696a6b6c6d6e6f
            707172737475767778797a7b7c7d7e7f
            808182838485868788898a8b8c8d8e8f
            909192939495969798999a9b9c9d9e9f
            a0a1a2a3a4a5a6a7a8a9aaabacadaeaf
            """,
            info: """
            b0b1b2b3b4b5b6b7b8b9babbbcbdbebf
            c0c1c2c3c4c5c6c7c8c9cacbcccdcecf
            d0d1d2d3d4d5d6d7d8d9dadbdcdddedf
            e0e1e2e3e4e5e6e7e8e9eaebecedeeef
            f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
            """,
            length: 82,
            prk: "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            okm: """
            b11e398dc80327a1c8e7f78c596a4934
            4f012eda2d4efad8a050cc4c19afa97c
            59045a99cac7827271cb41c65e590e09
            da3275600c2f09b8367793a9aca3db71
            cc30c58179ec3e87c14c01d5c1f3434f
            1d87
            """)
        // RFC 5869 Appendix A.3, test case 3: SHA-256 with zero-length salt and info
        checkHKDF(
            ikm: "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            salt: "",
            info: "",
            length: 42,
            prk: "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            okm: """
            8da4e775a563c18f715f802a063c5a31
            b8a11f5c5ee1879ec3454e5f3c738d2d
            9d201395faa4b61a96c8
            """)
    }

    func testHKDFLengths() {
        let prk = HKDF.extract(salt: [1, 2, 3], ikm: [4, 5, 6])
        XCTAssertEqual(HKDF.expand(prk: prk, info: [7], length: 0), [])
        let longest = HKDF.expand(prk: prk, info: [7], length: 255 * 32)
        XCTAssertEqual(longest.count, 8160)
        for length in [1, 31, 32, 33, 64, 65, 1000, 8159] {
            XCTAssertEqual(HKDF.expand(prk: prk, info: [7], length: length), Array(longest.prefix(length)))
        }
    }

    // MARK: - Streaming equals one-shot

    func testChaCha20StreamOverOddChunksEqualsOneShot() throws {
        var rng = SplitMix64(seed: 0x5eed_c4a2)
        let key = rng.bytes(32), nonce = rng.bytes(12)
        let message = rng.bytes(5000)
        let expected = try ChaCha20.encrypt(message, key: key, nonce: nonce, counter: 7)
        for chunkSizes in Self.chunkPatterns {
            let stream = try ChaCha20Stream(key: key, nonce: nonce, counter: 7)
            var output = [UInt8]()
            var offset = 0, i = 0
            while offset < message.count {
                let n = min(chunkSizes[i % chunkSizes.count], message.count - offset)
                output += stream.process(Array(message[offset..<offset + n]))
                offset += n
                i += 1
            }
            XCTAssertEqual(output, expected, "chunks \(chunkSizes)")
        }
        // In place, through the buffer API.
        let stream = try ChaCha20Stream(key: key, nonce: nonce, counter: 7)
        var buffer = message
        buffer.withUnsafeMutableBytes { b in
            stream.process(UnsafeRawBufferPointer(rebasing: b[0..<100]), output: UnsafeMutableRawBufferPointer(rebasing: b[0..<100]))
            stream.process(UnsafeRawBufferPointer(rebasing: b[100...]), output: UnsafeMutableRawBufferPointer(rebasing: b[100...]))
        }
        XCTAssertEqual(buffer, expected)
    }

    func testChaCha20LastCounterValue() throws {
        // The block with counter 2^32-1 is the last one a (key, nonce) gives; it must still work.
        let key = [UInt8](repeating: 7, count: 32), nonce = [UInt8](repeating: 9, count: 12)
        let last = try ChaCha20.block(key: key, counter: .max, nonce: nonce)
        XCTAssertEqual(try ChaCha20.encrypt([UInt8](repeating: 0, count: 64), key: key, nonce: nonce, counter: .max), last)
        let stream = try ChaCha20Stream(key: key, nonce: nonce, counter: .max)
        XCTAssertEqual(stream.process([UInt8](repeating: 0, count: 10)) + stream.process([UInt8](repeating: 0, count: 54)), last)
    }

    func testPoly1305StreamingOverOddChunksEqualsOneShot() throws {
        var rng = SplitMix64(seed: 1305)
        let key = rng.bytes(32)
        for length in [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000, 4099] {
            let message = rng.bytes(length)
            let expected = try Poly1305.authenticate(message, key: key)
            for chunkSizes in Self.chunkPatterns {
                var mac = try Poly1305(key: key)
                var offset = 0, i = 0
                while offset < message.count {
                    let n = min(chunkSizes[i % chunkSizes.count], message.count - offset)
                    mac.update(Array(message[offset..<offset + n]))
                    offset += n
                    i += 1
                }
                XCTAssertEqual(mac.finalize(), expected, "length \(length), chunks \(chunkSizes)")
            }
        }
    }

    func testStreamingSealAndOpenOverOddChunksEqualOneShot() throws {
        var rng = SplitMix64(seed: 0xae_ad)
        for (length, aadLength) in [(0, 0), (0, 5), (1, 0), (15, 16), (64, 13), (65, 0), (1000, 33), (70_000, 7)] {
            let key = rng.bytes(32), nonce = rng.bytes(12)
            let aad = rng.bytes(aadLength), plaintext = rng.bytes(length)
            let (ciphertext, tag) = try ChaChaPoly.seal(key: key, nonce: nonce, plaintext: plaintext, aad: aad)
            XCTAssertEqual(ciphertext.count, plaintext.count)
            XCTAssertEqual(tag.count, 16)
            XCTAssertEqual(try ChaChaPoly.open(key: key, nonce: nonce, ciphertext: ciphertext, aad: aad, tag: tag), plaintext)

            for chunkSizes in Self.chunkPatterns {
                // Seal through the array API.
                let sealer = try ChaChaPolySealer(key: key, nonce: nonce, aad: aad)
                var streamed = [UInt8]()
                for chunk in Self.split(plaintext, chunkSizes) { streamed += sealer.update(chunk) }
                XCTAssertEqual(streamed, ciphertext, "length \(length), chunks \(chunkSizes)")
                XCTAssertEqual(sealer.finish(), tag, "length \(length), chunks \(chunkSizes)")

                // Open in place through the buffer API.
                let opener = try ChaChaPolyOpener(key: key, nonce: nonce, aad: aad)
                var buffer = ciphertext
                buffer.withUnsafeMutableBytes { b in
                    var offset = 0
                    for chunk in Self.split(ciphertext, chunkSizes) {
                        let range = offset..<offset + chunk.count
                        opener.update(UnsafeRawBufferPointer(rebasing: b[range]), output: UnsafeMutableRawBufferPointer(rebasing: b[range]))
                        offset += chunk.count
                    }
                }
                XCTAssertEqual(buffer, plaintext, "length \(length), chunks \(chunkSizes)")
                XCTAssertNoThrow(try opener.finish(expectedTag: tag))
            }
        }
    }

    func testStreamingSealWithSeparateOutputBuffer() throws {
        var rng = SplitMix64(seed: 42)
        let key = rng.bytes(32), nonce = rng.bytes(12), aad = rng.bytes(20), plaintext = rng.bytes(50_001)
        let (ciphertext, tag) = try ChaChaPoly.seal(key: key, nonce: nonce, plaintext: plaintext, aad: aad)
        let sealer = try ChaChaPolySealer(key: key, nonce: nonce, aad: aad)
        var output = [UInt8](repeating: 0, count: plaintext.count + 10)   // larger than needed is fine
        plaintext.withUnsafeBytes { p in
            output.withUnsafeMutableBytes { o in
                sealer.update(UnsafeRawBufferPointer(rebasing: p[0..<20_000]), output: UnsafeMutableRawBufferPointer(rebasing: o[0...]))
                sealer.update(UnsafeRawBufferPointer(rebasing: p[20_000...]), output: UnsafeMutableRawBufferPointer(rebasing: o[20_000...]))
            }
        }
        XCTAssertEqual(Array(output.prefix(plaintext.count)), ciphertext)
        XCTAssertEqual(Array(output.suffix(10)), [UInt8](repeating: 0, count: 10))
        XCTAssertEqual(sealer.finish(), tag)
    }

    // MARK: - Tampering

    func testFlippedBitInCiphertextTagOrAADFailsToOpen() throws {
        let key = Hex.bytes("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
        let nonce = Hex.bytes("070000004041424344454647")
        let aad = Hex.bytes("50515253c0c1c2c3c4c5c6c7")
        let plaintext = Hex.bytes(Self.sunscreenPlaintext)
        let (ciphertext, tag) = try ChaChaPoly.seal(key: key, nonce: nonce, plaintext: plaintext, aad: aad)

        func assertRejected(ciphertext c: [UInt8], aad a: [UInt8], tag t: [UInt8], _ what: String) {
            XCTAssertThrowsError(try ChaChaPoly.open(key: key, nonce: nonce, ciphertext: c, aad: a, tag: t), what) { error in
                XCTAssertEqual(error as? CryptoError, .authenticationFailed, what)
            }
            // Streaming: plaintext comes out, but finish refuses it.
            guard let opener = try? ChaChaPolyOpener(key: key, nonce: nonce, aad: a) else { return XCTFail(what) }
            _ = opener.update(c)
            XCTAssertThrowsError(try opener.finish(expectedTag: t), what) { error in
                XCTAssertEqual(error as? CryptoError, .authenticationFailed, what)
            }
        }

        for bit in 0..<(ciphertext.count * 8) {
            var c = ciphertext
            c[bit / 8] ^= 1 << (bit % 8)
            assertRejected(ciphertext: c, aad: aad, tag: tag, "ciphertext bit \(bit)")
        }
        for bit in 0..<(tag.count * 8) {
            var t = tag
            t[bit / 8] ^= 1 << (bit % 8)
            assertRejected(ciphertext: ciphertext, aad: aad, tag: t, "tag bit \(bit)")
        }
        for bit in 0..<(aad.count * 8) {
            var a = aad
            a[bit / 8] ^= 1 << (bit % 8)
            assertRejected(ciphertext: ciphertext, aad: a, tag: tag, "aad bit \(bit)")
        }
        // Truncated or extended ciphertext, AAD or tag, and a wrong nonce or key.
        assertRejected(ciphertext: Array(ciphertext.dropLast()), aad: aad, tag: tag, "ciphertext truncated")
        assertRejected(ciphertext: ciphertext + [0], aad: aad, tag: tag, "ciphertext extended")
        assertRejected(ciphertext: ciphertext, aad: Array(aad.dropLast()), tag: tag, "aad truncated")
        assertRejected(ciphertext: ciphertext, aad: aad + [0], tag: tag, "aad extended")
        assertRejected(ciphertext: ciphertext, aad: [], tag: tag, "aad dropped")
        assertRejected(ciphertext: ciphertext, aad: aad, tag: Array(tag.dropLast()), "tag truncated")
        assertRejected(ciphertext: ciphertext, aad: aad, tag: tag + [0], "tag extended")
        assertRejected(ciphertext: ciphertext, aad: aad, tag: [], "tag empty")
        var otherNonce = nonce
        otherNonce[11] ^= 1
        XCTAssertThrowsError(try ChaChaPoly.open(key: key, nonce: otherNonce, ciphertext: ciphertext, aad: aad, tag: tag))
        var otherKey = key
        otherKey[0] ^= 0x80
        XCTAssertThrowsError(try ChaChaPoly.open(key: otherKey, nonce: nonce, ciphertext: ciphertext, aad: aad, tag: tag))
        // The untouched message still opens.
        XCTAssertEqual(try ChaChaPoly.open(key: key, nonce: nonce, ciphertext: ciphertext, aad: aad, tag: tag), plaintext)
    }

    // MARK: - Empty plaintext

    func testEmptyPlaintext() throws {
        let key = Hex.bytes("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
        let nonce = Hex.bytes("070000004041424344454647")
        let aad = Hex.bytes("50515253c0c1c2c3c4c5c6c7")
        // Not from an RFC: computed with pyca/cryptography 48.0.0 (ChaCha20Poly1305.encrypt); with
        // empty plaintext the tag is Poly1305 over aad | pad16(aad) | le64(aad.count) | le64(0).
        let expectedTags: [([UInt8], String)] = [
            ([], "a0784d7a4716f3feb4f64e7f4b39bf04"),
            (aad, "e622e5647a38d967a7ecbcb46c7f675c"),
        ]
        for (aad, expectedTag) in expectedTags {
            let (ciphertext, tag) = try ChaChaPoly.seal(key: key, nonce: nonce, plaintext: [], aad: aad)
            XCTAssertEqual(ciphertext, [])
            XCTAssertEqual(tag, Hex.bytes(expectedTag))
            XCTAssertEqual(try ChaChaPoly.open(key: key, nonce: nonce, ciphertext: [], aad: aad, tag: tag), [])

            let sealer = try ChaChaPolySealer(key: key, nonce: nonce, aad: aad)
            XCTAssertEqual(sealer.update([]), [])
            XCTAssertEqual(sealer.finish(), tag)
            let opener = try ChaChaPolyOpener(key: key, nonce: nonce, aad: aad)
            XCTAssertNoThrow(try opener.finish(expectedTag: tag))

            var badTag = tag
            badTag[15] ^= 0x01
            XCTAssertThrowsError(try ChaChaPoly.open(key: key, nonce: nonce, ciphertext: [], aad: aad, tag: badTag)) { error in
                XCTAssertEqual(error as? CryptoError, .authenticationFailed)
            }
            let badOpener = try ChaChaPolyOpener(key: key, nonce: nonce, aad: aad)
            XCTAssertThrowsError(try badOpener.finish(expectedTag: badTag))
        }
    }

    // MARK: - Argument validation

    func testInvalidKeyAndNonceLengths() {
        let key = [UInt8](repeating: 1, count: 32), nonce = [UInt8](repeating: 2, count: 12)
        func expect(_ error: CryptoError, _ body: () throws -> Void, line: UInt = #line) {
            XCTAssertThrowsError(try body(), line: line) { XCTAssertEqual($0 as? CryptoError, error, line: line) }
        }
        for badKey in [[], Array(key.prefix(31)), key + [0], [UInt8](repeating: 0, count: 16)] {
            expect(.invalidKeyLength) { _ = try ChaChaPoly.seal(key: badKey, nonce: nonce, plaintext: [1]) }
            expect(.invalidKeyLength) { _ = try ChaChaPoly.open(key: badKey, nonce: nonce, ciphertext: [1], tag: [UInt8](repeating: 0, count: 16)) }
            expect(.invalidKeyLength) { _ = try ChaChaPolySealer(key: badKey, nonce: nonce) }
            expect(.invalidKeyLength) { _ = try ChaChaPolyOpener(key: badKey, nonce: nonce) }
            expect(.invalidKeyLength) { _ = try ChaCha20Stream(key: badKey, nonce: nonce) }
            expect(.invalidKeyLength) { _ = try ChaCha20.block(key: badKey, counter: 0, nonce: nonce) }
            expect(.invalidKeyLength) { _ = try Poly1305(key: badKey) }
        }
        for badNonce in [[], Array(nonce.prefix(11)), nonce + [0], [UInt8](repeating: 0, count: 8), [UInt8](repeating: 0, count: 24)] {
            expect(.invalidNonceLength) { _ = try ChaChaPoly.seal(key: key, nonce: badNonce, plaintext: [1]) }
            expect(.invalidNonceLength) { _ = try ChaChaPoly.open(key: key, nonce: badNonce, ciphertext: [1], tag: [UInt8](repeating: 0, count: 16)) }
            expect(.invalidNonceLength) { _ = try ChaChaPolySealer(key: key, nonce: badNonce) }
            expect(.invalidNonceLength) { _ = try ChaChaPolyOpener(key: key, nonce: badNonce) }
            expect(.invalidNonceLength) { _ = try ChaCha20Stream(key: key, nonce: badNonce) }
            expect(.invalidNonceLength) { _ = try ChaCha20.block(key: key, counter: 0, nonce: badNonce) }
        }
    }

    // MARK: - Vector checkers

    /// ChaCha20 block function (RFC 8439 section 2.3): 64 keystream bytes for one counter.
    private func checkBlock(key: String, nonce: String, counter: UInt32, keystream: String,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let block = try ChaCha20.block(key: Hex.bytes(key), counter: counter, nonce: Hex.bytes(nonce))
        XCTAssertEqual(block, Hex.bytes(keystream), file: file, line: line)
    }

    /// ChaCha20 encryption (RFC 8439 section 2.4), one-shot and streamed, both directions.
    private func checkChaCha20(key: String, nonce: String, counter: UInt32, plaintext: String, ciphertext: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let key = Hex.bytes(key), nonce = Hex.bytes(nonce)
        let plaintext = Hex.bytes(plaintext), ciphertext = Hex.bytes(ciphertext)
        XCTAssertEqual(plaintext.count, ciphertext.count, "vector lengths", file: file, line: line)
        XCTAssertEqual(try ChaCha20.encrypt(plaintext, key: key, nonce: nonce, counter: counter), ciphertext, file: file, line: line)
        XCTAssertEqual(try ChaCha20.encrypt(ciphertext, key: key, nonce: nonce, counter: counter), plaintext, file: file, line: line)
        for chunkSizes in Self.chunkPatterns {
            let stream = try ChaCha20Stream(key: key, nonce: nonce, counter: counter)
            let streamed = Self.split(plaintext, chunkSizes).flatMap { stream.process($0) }
            XCTAssertEqual(streamed, ciphertext, "chunks \(chunkSizes)", file: file, line: line)
        }
    }

    /// Poly1305 (RFC 8439 section 2.5), one-shot and streamed.
    private func checkPoly1305(key: String, message: String, tag: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let key = Hex.bytes(key), message = Hex.bytes(message), tag = Hex.bytes(tag)
        XCTAssertEqual(try Poly1305.authenticate(message, key: key), tag, file: file, line: line)
        for chunkSizes in Self.chunkPatterns {
            var mac = try Poly1305(key: key)
            for chunk in Self.split(message, chunkSizes) { mac.update(chunk) }
            XCTAssertEqual(mac.finalize(), tag, "chunks \(chunkSizes)", file: file, line: line)
        }
    }

    /// Poly1305 key generation (RFC 8439 section 2.6): the first 32 bytes of block 0.
    private func checkKeyGeneration(key: String, nonce: String, oneTimeKey: String,
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let otk = try ChaChaPoly.poly1305Key(key: Hex.bytes(key), nonce: Hex.bytes(nonce))
        XCTAssertEqual(otk, Hex.bytes(oneTimeKey), file: file, line: line)
    }

    /// AEAD_CHACHA20_POLY1305 (RFC 8439 section 2.8): seal and open, one-shot and streamed.
    private func checkAEAD(key: String, nonce: String, aad: String, plaintext: String, ciphertext: String, tag: String,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let key = Hex.bytes(key), nonce = Hex.bytes(nonce), aad = Hex.bytes(aad)
        let plaintext = Hex.bytes(plaintext), ciphertext = Hex.bytes(ciphertext), tag = Hex.bytes(tag)
        let sealed = try ChaChaPoly.seal(key: key, nonce: nonce, plaintext: plaintext, aad: aad)
        XCTAssertEqual(sealed.ciphertext, ciphertext, file: file, line: line)
        XCTAssertEqual(sealed.tag, tag, file: file, line: line)
        XCTAssertEqual(try ChaChaPoly.open(key: key, nonce: nonce, ciphertext: ciphertext, aad: aad, tag: tag), plaintext,
                       file: file, line: line)
        for chunkSizes in Self.chunkPatterns {
            let sealer = try ChaChaPolySealer(key: key, nonce: nonce, aad: aad)
            XCTAssertEqual(Self.split(plaintext, chunkSizes).flatMap { sealer.update($0) }, ciphertext, file: file, line: line)
            XCTAssertEqual(sealer.finish(), tag, file: file, line: line)
            let opener = try ChaChaPolyOpener(key: key, nonce: nonce, aad: aad)
            XCTAssertEqual(Self.split(ciphertext, chunkSizes).flatMap { opener.update($0) }, plaintext, file: file, line: line)
            XCTAssertNoThrow(try opener.finish(expectedTag: tag), file: file, line: line)
        }
    }

    /// HKDF-SHA256 (RFC 5869): extract, expand and deriveKey.
    private func checkHKDF(ikm: String, salt: String, info: String, length: Int, prk: String, okm: String,
                           file: StaticString = #filePath, line: UInt = #line) {
        let ikm = Hex.bytes(ikm), salt = Hex.bytes(salt), info = Hex.bytes(info)
        let prk = Hex.bytes(prk), okm = Hex.bytes(okm)
        XCTAssertEqual(okm.count, length, "vector length", file: file, line: line)
        XCTAssertEqual(HKDF.extract(salt: salt, ikm: ikm), prk, file: file, line: line)
        XCTAssertEqual(HKDF.expand(prk: prk, info: info, length: length), okm, file: file, line: line)
        XCTAssertEqual(HKDF.deriveKey(ikm: ikm, salt: salt, info: info, length: length), okm, file: file, line: line)
    }

    // MARK: - Test data and helpers

    /// RFC 8439 sections 2.4.2 and 2.8.2, "Plaintext Sunscreen" (114 bytes).
    private static let sunscreenPlaintext = """
        4c 61 64 69 65 73 20 61 6e 64 20 47 65 6e 74 6c
        65 6d 65 6e 20 6f 66 20 74 68 65 20 63 6c 61 73
        73 20 6f 66 20 27 39 39 3a 20 49 66 20 49 20 63
        6f 75 6c 64 20 6f 66 66 65 72 20 79 6f 75 20 6f
        6e 6c 79 20 6f 6e 65 20 74 69 70 20 66 6f 72 20
        74 68 65 20 66 75 74 75 72 65 2c 20 73 75 6e 73
        63 72 65 65 6e 20 77 6f 75 6c 64 20 62 65 20 69
        74 2e
        """

    /// RFC 8439 Appendix A.2 test vector #2 plaintext and Appendix A.3 test vectors #2 and #3 text
    /// ("Any submission to the IETF intended by the Contributor ...", 375 bytes).
    private static let ietfContributionPlaintext = """
        41 6e 79 20 73 75 62 6d 69 73 73 69 6f 6e 20 74
        6f 20 74 68 65 20 49 45 54 46 20 69 6e 74 65 6e
        64 65 64 20 62 79 20 74 68 65 20 43 6f 6e 74 72
        69 62 75 74 6f 72 20 66 6f 72 20 70 75 62 6c 69
        63 61 74 69 6f 6e 20 61 73 20 61 6c 6c 20 6f 72
        20 70 61 72 74 20 6f 66 20 61 6e 20 49 45 54 46
        20 49 6e 74 65 72 6e 65 74 2d 44 72 61 66 74 20
        6f 72 20 52 46 43 20 61 6e 64 20 61 6e 79 20 73
        74 61 74 65 6d 65 6e 74 20 6d 61 64 65 20 77 69
        74 68 69 6e 20 74 68 65 20 63 6f 6e 74 65 78 74
        20 6f 66 20 61 6e 20 49 45 54 46 20 61 63 74 69
        76 69 74 79 20 69 73 20 63 6f 6e 73 69 64 65 72
        65 64 20 61 6e 20 22 49 45 54 46 20 43 6f 6e 74
        72 69 62 75 74 69 6f 6e 22 2e 20 53 75 63 68 20
        73 74 61 74 65 6d 65 6e 74 73 20 69 6e 63 6c 75
        64 65 20 6f 72 61 6c 20 73 74 61 74 65 6d 65 6e
        74 73 20 69 6e 20 49 45 54 46 20 73 65 73 73 69
        6f 6e 73 2c 20 61 73 20 77 65 6c 6c 20 61 73 20
        77 72 69 74 74 65 6e 20 61 6e 64 20 65 6c 65 63
        74 72 6f 6e 69 63 20 63 6f 6d 6d 75 6e 69 63 61
        74 69 6f 6e 73 20 6d 61 64 65 20 61 74 20 61 6e
        79 20 74 69 6d 65 20 6f 72 20 70 6c 61 63 65 2c
        20 77 68 69 63 68 20 61 72 65 20 61 64 64 72 65
        73 73 65 64 20 74 6f
        """

    /// RFC 8439 Appendix A.2 test vector #3 plaintext and Appendix A.3 test vector #4 text
    /// ("'Twas brillig, and the slithy toves ...", 127 bytes).
    private static let jabberwockyPlaintext = """
        27 54 77 61 73 20 62 72 69 6c 6c 69 67 2c 20 61
        6e 64 20 74 68 65 20 73 6c 69 74 68 79 20 74 6f
        76 65 73 0a 44 69 64 20 67 79 72 65 20 61 6e 64
        20 67 69 6d 62 6c 65 20 69 6e 20 74 68 65 20 77
        61 62 65 3a 0a 41 6c 6c 20 6d 69 6d 73 79 20 77
        65 72 65 20 74 68 65 20 62 6f 72 6f 67 6f 76 65
        73 2c 0a 41 6e 64 20 74 68 65 20 6d 6f 6d 65 20
        72 61 74 68 73 20 6f 75 74 67 72 61 62 65 2e
        """

    /// Chunkings for the streaming APIs: single bytes, odd sizes straddling the 16-byte Poly1305
    /// and 64-byte ChaCha20 blocks, empty chunks, and everything at once.
    private static let chunkPatterns: [[Int]] = [
        [1], [3], [7, 0, 13], [15, 17], [16], [63], [64], [65], [1, 64, 2, 127, 0, 5], [Int.max],
    ]

    /// `bytes` cut into chunks of the given sizes, used cyclically (a 0 gives an empty chunk).
    private static func split(_ bytes: [UInt8], _ sizes: [Int]) -> [[UInt8]] {
        var chunks = [[UInt8]]()
        var offset = 0, i = 0
        repeat {
            let n = min(sizes[i % sizes.count], bytes.count - offset)
            chunks.append(Array(bytes[offset..<offset + n]))
            offset += n
            i += 1
        } while offset < bytes.count
        return chunks
    }
}
