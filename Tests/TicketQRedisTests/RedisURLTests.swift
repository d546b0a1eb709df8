import Testing
import TicketQRedis

struct RedisURLTests {
    @Test func hostOnlyUsesDefaultPortAndDatabase() throws {
        let url = try RedisURL("redis://cache.internal")
        #expect(url.endpoint == .tcp(host: "cache.internal", port: 6379))
        #expect(url.database == 0)
        #expect(url.user == nil)
        #expect(url.password == nil)
    }

    @Test func fullFormWithPercentEncodedCredentials() throws {
        let url = try RedisURL("redis://work%20er:p%40ss%3Aw%2Frd@127.0.0.1:6380/3")
        #expect(url.endpoint == .tcp(host: "127.0.0.1", port: 6380))
        #expect(url.user == "work er")
        #expect(url.password == "p@ss:w/rd")
        #expect(url.database == 3)
    }

    @Test func passwordOnlyAndUserOnly() throws {
        let passwordOnly = try RedisURL("redis://:secret@localhost:6379/0")
        #expect(passwordOnly.user == nil)
        #expect(passwordOnly.password == "secret")

        let userOnly = try RedisURL("redis://worker@localhost")
        #expect(userOnly.user == "worker")
        #expect(userOnly.password == nil)
    }

    @Test func bracketedIPv6Host() throws {
        let url = try RedisURL("redis://[::1]:7000/2")
        #expect(url.endpoint == .tcp(host: "::1", port: 7000))
        #expect(url.redacted == "redis://[::1]:7000/2")
    }

    @Test func unixSocketWithDatabase() throws {
        let url = try RedisURL("unix:///run/redis/redis.sock?db=4")
        #expect(url.endpoint == .unixSocket(path: "/run/redis/redis.sock"))
        #expect(url.database == 4)

        let withCredentials = try RedisURL("unix://app:pw@/run/redis.sock")
        #expect(withCredentials.endpoint == .unixSocket(path: "/run/redis.sock"))
        #expect(withCredentials.user == "app")
        #expect(withCredentials.password == "pw")
        #expect(withCredentials.database == 0)
    }

    @Test func schemeIsCaseInsensitiveAndTrailingSlashMeansDatabaseZero() throws {
        let url = try RedisURL("REDIS://127.0.0.1:6379/")
        #expect(url == RedisURL.default)
    }

    @Test(arguments: [
        ("127.0.0.1:6379", RedisURLError.missingScheme("127.0.0.1:6379")),
        ("rediss://host:6379", .unsupportedScheme("rediss")),
        ("http://host", .unsupportedScheme("http")),
        ("redis://", .missingHost),
        ("redis://:pw@:6379/0", .missingHost),
        ("redis://host:0", .invalidPort("0")),
        ("redis://host:65536", .invalidPort("65536")),
        ("redis://host:abc", .invalidPort("abc")),
        ("redis://host:", .invalidPort("")),
        ("redis://host:+1", .invalidPort("+1")),
        ("redis://host/x", .invalidDatabase("x")),
        ("redis://host/-1", .invalidDatabase("-1")),
        ("redis://host/1/2", .invalidDatabase("1/2")),
        ("unix://relative.sock", .invalidSocketPath("relative.sock")),
        ("unix://", .invalidSocketPath("")),
        ("unix:///run/r.sock?db=two", .invalidDatabase("two")),
        ("unix:///run/r.sock?timeout=3", .unsupportedQueryParameter("timeout")),
        ("redis://us%zzer:pw@host", .invalidPercentEncoding(component: "user")),
        ("redis://user:pw%4@host", .invalidPercentEncoding(component: "password")),
        ("redis://user:%FF@host", .invalidPercentEncoding(component: "password")),
        ("redis://[::1:6379", .invalidHost("[::1:6379")),
        ("redis://a:b:c", .invalidHost("a:b:c")),
    ])
    func invalidURLsNameWhatIsWrong(text: String, expected: RedisURLError) {
        #expect(throws: expected) { try RedisURL(text) }
    }

    @Test func errorMessagesNameTheOffendingPart() {
        #expect(RedisURLError.invalidPort("abc").description.contains("'abc'"))
        #expect(RedisURLError.unsupportedScheme("rediss").description.contains("TLS"))
        #expect(RedisURLError.invalidPercentEncoding(component: "password").description.contains("password"))
    }

    @Test func redactionHidesThePassword() throws {
        let url = try RedisURL("redis://worker:hunter2@cache.internal:6379/1")
        #expect(url.redacted == "redis://worker:***@cache.internal:6379/1")
        #expect("\(url)" == url.redacted)
        #expect(!"\(url)".contains("hunter2"))

        let passwordOnly = try RedisURL("redis://:hunter2@host")
        #expect(passwordOnly.redacted == "redis://:***@host:6379/0")

        let socket = try RedisURL("unix://:hunter2@/run/r.sock?db=2")
        #expect(socket.redacted == "unix://:***@/run/r.sock?db=2")

        #expect(RedisURL.default.redacted == "redis://127.0.0.1:6379/0")
    }

    @Test func redactedFormParsesBackWithoutThePassword() throws {
        let original = try RedisURL("redis://us%40er:pw@host:7000/5")
        let reparsed = try RedisURL(original.redacted)
        #expect(reparsed.user == "us@er")
        #expect(reparsed.endpoint == original.endpoint)
        #expect(reparsed.database == 5)
    }

    @Test func passwordSuppliedSeparately() throws {
        let url = try RedisURL("redis://worker@host:6379/0").withPassword("from-file")
        #expect(url.user == "worker")
        #expect(url.password == "from-file")
        #expect(url.redacted == "redis://worker:***@host:6379/0")
    }
}
