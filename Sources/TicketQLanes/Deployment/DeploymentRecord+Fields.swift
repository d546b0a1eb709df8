/// The record as the fields of its Redis hash.
extension DeploymentRecord {
    /// The hash's field names.
    enum Field: String, CaseIterable {
        case schema, id
        case createdAt = "created_at"
        case origin
        case fenceBase = "fence_base"
        case writtenBy = "written_by"
        case partitions, partition
    }

    /// The field the library writes (`1`) once the deployment keeps its tickets as
    /// ``TicketRecord``s; a deployment of an earlier release lacks it until `ticketq migrate`.
    static let ticketRecordsField = "ticket_records"

    /// The field the library writes (`1`) once the deployment lists promotions by instant; a
    /// deployment of library version 3 and earlier lacks it until `ticketq migrate`.
    static let promotionListsField = "promotion_lists"

    /// Field/value pairs for `HSET`, in ``Field`` order (``partition`` only when set).
    public var fields: [(name: String, value: String)] {
        [
            (Field.schema.rawValue, String(schema)), (Field.id.rawValue, id), (Field.createdAt.rawValue, String(createdAtMillis)),
            (Field.origin.rawValue, origin.rawValue), (Field.fenceBase.rawValue, String(fenceBase)), (Field.writtenBy.rawValue, writtenBy),
            (Field.partitions.rawValue, String(partitions)),
        ] + (partition.map { [(Field.partition.rawValue, String($0))] } ?? [])
    }

    /// Reads a record from its hash's fields.
    ///
    /// - Throws: ``DeploymentRecordError`` naming the field that is missing or malformed, or a
    ///   schema newer than this release knows.
    public init(fields: [String: String]) throws(DeploymentRecordError) {
        func value(_ field: Field) throws(DeploymentRecordError) -> String {
            guard let value = fields[field.rawValue] else { throw .missingField(field.rawValue) }
            return value
        }
        func integer(_ field: Field) throws(DeploymentRecordError) -> Int64 {
            let text = try value(field)
            guard let number = Int64(text) else { throw .malformedField(field.rawValue, text) }
            return number
        }
        let schema = try integer(.schema)
        guard schema >= 1 else { throw .malformedField(Field.schema.rawValue, String(schema)) }
        guard schema <= Int64(Self.currentSchema) else { throw .newerSchema(Int(schema)) }
        let originText = try value(.origin)
        guard let origin = Origin(rawValue: originText) else { throw .malformedField(Field.origin.rawValue, originText) }
        let id = try value(.id)
        guard !id.isEmpty else { throw .malformedField(Field.id.rawValue, id) }
        // Markers written before partitions existed have neither field: one partition, the root.
        var partitions = 1
        if let text = fields[Field.partitions.rawValue] {
            guard let count = Int(text), LanePartitioning.allowedCounts.contains(count) else {
                throw .malformedField(Field.partitions.rawValue, text)
            }
            partitions = count
        }
        var partition: Int?
        if let text = fields[Field.partition.rawValue] {
            guard let number = Int(text), (0..<partitions).contains(number) else { throw .malformedField(Field.partition.rawValue, text) }
            partition = number
        }
        self.init(
            schema: Int(schema), id: id, createdAtMillis: try integer(.createdAt), origin: origin,
            fenceBase: try integer(.fenceBase), writtenBy: try value(.writtenBy), partitions: partitions, partition: partition
        )
    }
}
