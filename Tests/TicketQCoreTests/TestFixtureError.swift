/// Why a test fixture could not be built (a typo in the test itself).
struct TestFixtureError: Error, CustomStringConvertible {
    let description: String
}
