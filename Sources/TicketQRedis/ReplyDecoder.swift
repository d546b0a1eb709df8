import CHiredis

/// Converts hiredis reply objects into ``RedisReply`` values (copying, so the C object can be freed at once).
enum ReplyDecoder {
    static func decode(_ reply: UnsafeMutablePointer<redisReply>) throws(RedisError) -> RedisReply {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            return .bulkString(bytes(value.str, value.len))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: bytes(value.str, value.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(RedisServerError(message: String(decoding: bytes(value.str, value.len), as: UTF8.self)))
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(value.integer))
        case REDIS_REPLY_NIL:
            return .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(value.elements)
            for index in 0..<value.elements {
                guard let element = value.element[index] else {
                    throw .protocolError("array reply has a missing element at index \(index)")
                }
                elements.append(try decode(element))
            }
            return .array(elements)
        default:
            throw .protocolError("unknown reply type \(value.type)")
        }
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: length))
    }
}
