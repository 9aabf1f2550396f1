import BulletinModel
import ReportRendering

extension BuildState.Record {
    /// Reads a record as `BuildState.line` wrote it, the whole of the rest of the line.
    init(reading reader: inout JSONReader) throws {
        var notices: [BuildState.StoredNotice]?
        var summary: OrganisationSummary?
        try reader.object { reader, key in
            switch key {
            case "notices":
                var stored: [BuildState.StoredNotice] = []
                try reader.array { stored.append(try BuildState.StoredNotice(reading: &$0)) }
                notices = stored
            case "summary": summary = try OrganisationSummary(reading: &reader)
            default: try reader.skipValue()
            }
        }
        try reader.end()
        guard let notices, let summary else { throw JSONReader.Failure(offset: reader.offset) }
        self.init(notices: notices, summary: summary)
    }
}

extension BuildState.StoredNotice {
    init(reading reader: inout JSONReader) throws {
        var severity: Diagnostic.Severity?
        var summary: String?
        var id: String?
        var file: String?
        var line: Int?
        var column: Int?
        var pointer: String?
        var once: String?
        try reader.object { reader, key in
            switch key {
            case "column": column = try reader.optionalInteger()
            case "file": file = try reader.optionalString()
            case "id": id = try reader.string()
            case "line": line = try reader.optionalInteger()
            case "once": once = try reader.optionalString()
            case "pointer": pointer = try reader.optionalString()
            case "severity":
                let text = try reader.string()
                guard let value = Diagnostic.Severity(rawValue: text) else { throw JSONReader.Failure(offset: reader.offset) }
                severity = value
            case "summary": summary = try reader.string()
            default: try reader.skipValue()
            }
        }
        guard let severity, let summary, let id else { throw JSONReader.Failure(offset: reader.offset) }
        self.severity = severity
        self.summary = summary
        self.id = id
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.once = once
    }
}
