import BulletinModel

/// One organisation of a synthetic corpus: its scan document and what it was made to show.
public struct SynthesizedOrganisation: Sendable {
    /// The organisation id (`<name>-<number>`).
    public var id: String
    /// The status each host was made to have under the shipped ProxyLogon advisory, by host id.
    /// Decided from the build tables and the planted traces, not by bulletin's engine.
    public var plannedHostStatuses: [String: HostStatus]
    /// How many observations the document holds, over all hosts.
    public var observationCount: Int
    /// The `bulletin.scan/1` document.
    var document: JSONText

    /// The organisation's planned status: the worst of its hosts'.
    public var plannedStatus: HostStatus { plannedHostStatuses.values.worst }

    /// The document as one line of JSON Lines, with its line break.
    public var jsonLine: [UInt8] {
        var bytes: [UInt8] = []
        document.write(into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
