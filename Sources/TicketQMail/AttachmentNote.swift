/// An attachment noted and dropped at intake.
public struct AttachmentNote: Sendable, Hashable {
    /// The MIME type, e.g. `image/jpeg`.
    public let contentType: String
    /// The file name the sender gave, if any.
    public let filename: String?
    /// The decoded size in bytes.
    public let bytes: Int
}
