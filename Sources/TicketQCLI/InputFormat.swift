import ArgumentParser

/// What `submit` and `triage` read: JSONL tickets, one raw email per file, or mbox files.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl
    case eml
    case mbox
}
