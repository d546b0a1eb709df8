/// The arguments of one or more commands copied into a single flat byte buffer, so hiredis can be handed
/// `argv`/`argvlen` arrays whose pointers all stay valid inside one `withUnsafeBufferPointer` scope.
struct ArgvBuffer {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var commandEnds: [Int] = []
    private var widestCommand = 0

    /// The number of commands appended so far.
    var commandCount: Int { commandEnds.count }

    init() {}

    /// Appends one command; `arguments` must not be empty (checked by the caller).
    mutating func append(_ arguments: [[UInt8]]) {
        for argument in arguments {
            starts.append(bytes.count)
            lengths.append(argument.count)
            bytes.append(contentsOf: argument)
        }
        commandEnds.append(starts.count)
        widestCommand = max(widestCommand, arguments.count)
    }

    /// Calls `body` once per command with its `argc`, `argv` and `argvlen`, in order, stopping at the first `false`.
    /// - Returns: whether `body` returned `true` for every command.
    func forEachCommand(
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Bool
    ) -> Bool {
        var argv = [UnsafePointer<CChar>?](repeating: nil, count: max(widestCommand, 1))
        // A non-empty array guarantees a non-nil base address even when every argument is empty.
        let storage = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { flat in
            let base = UnsafeRawPointer(flat.baseAddress!).assumingMemoryBound(to: CChar.self)
            return argv.withUnsafeMutableBufferPointer { argvBuffer in
                lengths.withUnsafeBufferPointer { lengthBuffer in
                    var first = 0
                    for end in commandEnds {
                        for index in first..<end {
                            argvBuffer[index - first] = base + starts[index]
                        }
                        let ok = body(Int32(end - first), argvBuffer.baseAddress!, lengthBuffer.baseAddress! + first)
                        if !ok { return false }
                        first = end
                    }
                    return true
                }
            }
        }
    }
}
