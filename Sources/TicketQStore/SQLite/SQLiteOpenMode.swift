/// Whether a connection may write, and whether opening may create the file.
public enum SQLiteOpenMode: Sendable, Hashable {
    /// Read and write; the file is created when missing and put in WAL mode.
    case readWriteCreate
    /// Read only (`SQLITE_OPEN_READONLY`); a missing file is an error and is never created.
    case readOnly
}
