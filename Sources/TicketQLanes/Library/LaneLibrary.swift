/// The `ticketq` Redis function library (`ticketq.lua`, compiled in): every lane operation runs
/// as one of its functions.
///
/// `ticketq deployment init` and `ticketq migrate` load it (``LaneStore/installLibrary()``),
/// replacing a library of another version; every other process only calls it, and a process
/// built for another version finds no function of its version to call (``LanesError/libraryNotLoaded(function:)``).
public enum LaneLibrary {
    /// The library's name in Redis.
    public static let name = "ticketq"
    /// The version this build carries.
    public static let version = LaneLibrarySource.version
    /// The Lua source loaded with `FUNCTION LOAD`.
    public static var source: String { LaneLibrarySource.lua }
}
