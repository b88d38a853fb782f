/// Someone watching long work (thousands of rows): told how far it got, then that it ended.
/// The domain only reports; the CLI draws it on the terminal.
public struct WorkProgress {
    public var update: (_ done: Int, _ total: Int) -> Void
    public var finish: () -> Void

    public init(update: @escaping (_ done: Int, _ total: Int) -> Void, finish: @escaping () -> Void) {
        self.update = update
        self.finish = finish
    }

    public static var silent: WorkProgress { WorkProgress(update: { _, _ in }, finish: {}) }
}
