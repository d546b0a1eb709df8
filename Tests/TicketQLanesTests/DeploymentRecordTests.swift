import TicketQLanes
import Testing

/// The deployment marker's schema: every field round-trips, and a marker that cannot be read
/// says which field is wrong.
struct DeploymentRecordTests {
    let record = DeploymentRecord(id: "b6f0", createdAtMillis: 1_765_000_000_000, origin: .recovered, fenceBase: 1_765_000_000_000_000, writtenBy: "0.1.0")

    private var fields: [String: String] {
        Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, $0.value) })
    }

    @Test func roundTrips() throws {
        #expect(try DeploymentRecord(fields: fields) == record)
        for origin in DeploymentRecord.Origin.allCases {
            var copy = record
            copy.origin = origin
            #expect(try DeploymentRecord(fields: Dictionary(uniqueKeysWithValues: copy.fields.map { ($0.name, $0.value) })) == copy)
        }
    }

    @Test(arguments: ["schema", "id", "created_at", "origin", "fence_base", "written_by"])
    func aMissingFieldIsNamed(field: String) {
        var incomplete = fields
        incomplete[field] = nil
        #expect(throws: DeploymentRecordError.missingField(field)) { try DeploymentRecord(fields: incomplete) }
    }

    @Test func malformedFieldsAndNewerSchemasAreRefused() {
        for (field, value) in [("schema", "one"), ("created_at", "yesterday"), ("origin", "restored"), ("fence_base", "-x"), ("id", ""), ("schema", "0")] {
            var broken = fields
            broken[field] = value
            #expect(throws: DeploymentRecordError.malformedField(field, value)) { try DeploymentRecord(fields: broken) }
        }
        var newer = fields
        newer["schema"] = "2"
        #expect(throws: DeploymentRecordError.newerSchema(2)) { try DeploymentRecord(fields: newer) }
        #expect(DeploymentRecordError.newerSchema(2).description.contains("upgrade ticketq"))
    }
}
