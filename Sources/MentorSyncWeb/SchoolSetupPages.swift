import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// A school computer's first start in the browser: its home folder holds no registry yet (the
/// empty folder the installer leaves). One page takes the enrollment file the district gave and
/// sets the school up — what `init --enroll FILE` does, through the same `SchoolHome.create` —
/// and from then on the school's own pages answer, without a restart.
final class SchoolSetupPages: WebPages {
    let homeURL: URL
    let language: Language
    /// The school's pages once it is set up (set under the web app's registry lock; kept behind a
    /// lock of their own as well, the links of a login page being read without it).
    private var set: SchoolPages?
    private let lock = NSLock()
    private var school: SchoolPages? { lock.withLock { set } }

    init(homeURL: URL, language: Language) {
        self.homeURL = homeURL
        self.language = language
    }

    var title: String { school?.title ?? Message.webSetupTitle.text(language) }

    func nav(_ l: Language) -> [(href: String, label: String)] { school?.nav(l) ?? [] }

    /// Set up meanwhile in a terminal (`init --enroll`, the installer's way): that home is served.
    func prepare() throws {
        guard school == nil, FileManager.default.fileExists(atPath: DistrictHome.databaseURL(homeURL).path) else { return }
        let pages = SchoolPages(home: try SchoolHome.open(homeURL))
        lock.withLock { set = pages }
    }

    func respond(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        if let school {
            // A second window still showing the setup form: the school is set up, its status says so.
            if r.path == "/setup" { return .redirect("/status") }
            return try school.respond(r, ctx)
        }
        if r.path == "/setup", r.method == "POST" { return try setUp(r, ctx) }
        // Whatever page was asked for (a bookmark of the school's list), the school is set up first.
        guard r.method == "GET" || r.method == "HEAD" else { return nil }
        return form(ctx, error: nil)
    }

    func form(_ ctx: PageContext, error: String?) -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webSetupTitle.text(ctx.language)
        ctx.nav = []
        let body = "<p>\(ctx.t(.webSetupWhy))</p>"
            + ctx.form("/setup", "<label for=\"enrollment\">\(ctx.t(.webEnrollmentFile))</label><input id=\"enrollment\" type=\"file\" name=\"file\" required>"
                       + "<button>\(ctx.t(.webSetupButton))</button>", multipart: true)
            + "<p class=\"muted\">\(esc(Message.webSetupFolder(homeURL.path).text(ctx.language)))</p>"
        return HTTPResponse(status: error == nil ? 200 : 422, html: ctx.page(body, error: error))
    }

    func setUp(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        guard let m = MultipartForm(r), let bytes = m.fields["file"], !bytes.isEmpty else {
            return form(ctx, error: Message.webImportChooseFile.text(ctx.language))
        }
        do {
            let enrollment = try Enrollment.decode(Data(bytes), fileName: m.fileNames["file"] ?? "")
            let home = try SchoolHome.create(at: homeURL, enrollment: enrollment)
            let pages = SchoolPages(home: home)
            lock.withLock { set = pages }
            let l = ctx.language
            // What comes next is the status page's own advice, below the notice.
            let done = [Message.schoolSetUp(site: enrollment.site, name: enrollment.name, home: homeURL.path, district: enrollment.districtName),
                        .enrollmentSecret].map { $0.text(l).sentenceCased }.joined(separator: ". ") + "."
            return .redirect("/status?" + query([("done", done)]))
        } catch {
            return form(ctx, error: WebApp.line(error, ctx.language))
        }
    }
}
