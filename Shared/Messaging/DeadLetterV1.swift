import Foundation

/// `dead.letter` v1 (any consumer, topic `smartwhale.data.deadletter`): a message a consumer could
/// not process, kept whole so it can be replayed to its source topic after a fix.
public struct DeadLetterV1: MessagePayload {
    public static let schema = "dead.letter"
    public static let version = 1

    /// Why the message was dead-lettered.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// Not JSON, or not the shape its schema requires.
        case malformed
        /// A known schema at a version this consumer does not support (usually newer).
        case unsupportedVersion = "unsupported_version"
        /// A schema this consumer does not know.
        case unknownSchema = "unknown_schema"
        /// Valid, but processing failed permanently.
        case processingFailed = "processing_failed"
    }

    /// Reason code.
    public var reason: Reason
    /// Human-readable detail (no secrets).
    public var detail: String
    /// Source topic.
    public var sourceTopic: String
    /// Source partition.
    public var sourcePartition: Int32
    /// Source offset.
    public var sourceOffset: Int64
    /// Which consumer gave up (`notifier`, `scraper`, …, with its group).
    public var consumer: String
    /// The original key, base64.
    public var originalKeyBase64: String?
    /// The original value, base64 (exact bytes).
    public var originalValueBase64: String
    /// The original value as text when it is valid UTF-8, for people reading the topic.
    public var originalValueText: String?
    /// The original headers.
    public var originalHeaders: [MessageHeader]
    /// `true` when the original value (and the detail) were cut to fit the broker's size limit:
    /// the original value fields then hold a prefix. Absent in whole dead letters (added in v1 as an
    /// optional field).
    public var truncated: Bool?
    /// Length in bytes of the whole original value; set when `truncated`.
    public var originalValueLength: Int?
    /// SHA-256 of the whole original value, 64 lowercase hex digits; set when `truncated`.
    public var originalValueSHA256: String?

    /// Creates the payload.
    public init(
        reason: Reason, detail: String, sourceTopic: String, sourcePartition: Int32, sourceOffset: Int64,
        consumer: String, originalKey: [UInt8]?, originalValue: [UInt8], originalHeaders: [MessageHeader]
    ) {
        self.reason = reason
        self.detail = detail
        self.sourceTopic = sourceTopic
        self.sourcePartition = sourcePartition
        self.sourceOffset = sourceOffset
        self.consumer = consumer
        self.originalKeyBase64 = originalKey.map { Data($0).base64EncodedString() }
        self.originalValueBase64 = Data(originalValue).base64EncodedString()
        self.originalValueText = String(validating: originalValue, as: UTF8.self)
        self.originalHeaders = originalHeaders
    }

    /// Keeps only the first `prefix` bytes of the original value (and of the detail, at most
    /// `detailLimit` characters), flagging the letter `truncated` with the whole value's length and
    /// SHA-256 (computed from `whole`, the complete original value, unless `sha256` gives it).
    public mutating func truncate(whole: [UInt8], sha256: String? = nil, toPrefix prefix: Int, detailLimit: Int) {
        var cut = Array(whole.prefix(max(0, prefix)))
        originalValueBase64 = Data(cut).base64EncodedString()
        // A prefix may end inside a UTF-8 sequence: drop up to three bytes to keep readable text.
        var text: String?
        for _ in 0..<4 where text == nil && String(validating: whole, as: UTF8.self) != nil {
            text = String(validating: cut, as: UTF8.self)
            if text == nil { cut.removeLast() }
        }
        originalValueText = text
        if detail.count > detailLimit { detail = String(detail.prefix(detailLimit)) + "…" }
        truncated = true
        originalValueLength = whole.count
        originalValueSHA256 = sha256 ?? SHA256.hex(whole)
    }

    /// The original value bytes.
    public var originalValue: [UInt8] { Data(base64Encoded: originalValueBase64).map { [UInt8]($0) } ?? [] }
    /// The original key bytes.
    public var originalKey: [UInt8]? { originalKeyBase64.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } }

    enum CodingKeys: String, CodingKey {
        case reason, detail, consumer
        case sourceTopic = "source_topic"
        case sourcePartition = "source_partition"
        case sourceOffset = "source_offset"
        case originalKeyBase64 = "original_key_base64"
        case originalValueBase64 = "original_value_base64"
        case originalValueText = "original_value_text"
        case originalHeaders = "original_headers"
        case truncated
        case originalValueLength = "original_value_length"
        case originalValueSHA256 = "original_value_sha256"
    }
}
