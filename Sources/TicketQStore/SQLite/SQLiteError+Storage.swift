import CSQLite

extension SQLiteError {
    /// The primary result code, also when ``code`` holds an extended one.
    public var primaryCode: Int32 { code & 0xFF }

    /// `SQLITE_FULL`: the file system (or a size limit) has no room left.
    public var isDiskFull: Bool { primaryCode == SQLITE_FULL }

    /// `SQLITE_READONLY`: the file or its file system cannot be written.
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }

    /// `SQLITE_CORRUPT` or `SQLITE_NOTADB`: the file is damaged.
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// `SQLITE_IOERR` (any extended code): the operating system reported an I/O error.
    public var isIOError: Bool { primaryCode == SQLITE_IOERR }
}
