import BulletinModel

/// Merges the organisation bodies of many scan documents: one organisation per id, hosts merged by
/// host id, as an external scan and an internal sweep of the same organisation should be.
///
/// Metadata that two documents give differently is an error naming both places: a report must not
/// go to the wrong contact because two files disagreed silently.
struct ScanMerger {
    private var byID: [String: OrganisationScan] = [:]
    /// Where each organisation's metadata field was first given, for conflict messages.
    private var firstSeen: [String: SourceLocation] = [:]

    /// Adds one document's view of an organisation.
    mutating func add(_ part: ScanDocument.Part, at location: SourceLocation, diagnostics: inout [Diagnostic]) {
        let id = part.organisation.id
        let scanner = part.scanner.flatMap { $0.isEmpty ? nil : $0 }
        guard var existing = byID[id] else {
            byID[id] = OrganisationScan(
                organisation: part.organisation, hosts: part.hosts.sorted { $0.id < $1.id },
                scanners: scanner.map { [$0] } ?? [], scannedAt: part.scannedAt, sources: [location])
            firstSeen[id] = location
            return
        }
        let first = firstSeen[id] ?? location
        existing.organisation = merge(existing.organisation, part.organisation, at: location, firstAt: first, diagnostics: &diagnostics)
        for host in part.hosts {
            if let index = existing.hosts.firstIndex(where: { $0.id == host.id }) {
                existing.hosts[index] = merge(existing.hosts[index], host, organisation: id, diagnostics: &diagnostics)
            } else {
                existing.hosts.append(host)
            }
        }
        existing.hosts.sort { $0.id < $1.id }
        if let scanner, !existing.scanners.contains(scanner) {
            existing.scanners.append(scanner)
            existing.scanners.sort()
        }
        existing.scannedAt = latest(existing.scannedAt, part.scannedAt)
        existing.sources.append(location)
        byID[id] = existing
    }

    /// The merged organisations, sorted by id.
    var organisations: [OrganisationScan] {
        byID.values.sorted { $0.organisation.id < $1.organisation.id }
    }

    private func merge(_ old: Organisation, _ new: Organisation, at location: SourceLocation, firstAt first: SourceLocation, diagnostics: inout [Diagnostic]) -> Organisation {
        var merged = old
        func field(_ name: String, _ keyPath: WritableKeyPath<Organisation, String?>) {
            switch (old[keyPath: keyPath], new[keyPath: keyPath]) {
            case (nil, let value?): merged[keyPath: keyPath] = value
            case (let a?, let b?) where a != b:
                diagnostics.append(.error(
                    "organisation '\(old.id)' has \(name) '\(b.inert)' here but '\(a.inert)' at \(first); make the scan files agree",
                    id: "scan.conflicting-organisation", at: location))
            default: break
            }
        }
        if old.name != new.name {
            diagnostics.append(.error(
                "organisation '\(old.id)' has name '\(new.name.inert)' here but '\(old.name.inert)' at \(first); make the scan files agree",
                id: "scan.conflicting-organisation", at: location))
        }
        field("sector", \.sector)
        field("country", \.country)
        field("reference", \.reference)
        field("language", \.language)
        for contact in new.contacts where !merged.contacts.contains(contact) {
            merged.contacts.append(contact)
        }
        return merged
    }

    /// Hosts of the same id are one machine seen twice: software and observations add up, and
    /// addresses are united. A different hostname is reported, and the first one kept.
    private func merge(_ old: Host, _ new: Host, organisation: String, diagnostics: inout [Diagnostic]) -> Host {
        var merged = old
        if let hostname = new.hostname {
            if let existing = old.hostname, existing.lowercased() != hostname.lowercased() {
                diagnostics.append(.warning(
                    "host '\(old.id.inert)' of organisation '\(organisation)' has hostname '\(hostname.inert)' here but '\(existing.inert)' at \(old.location.citation); keeping the first",
                    id: "scan.conflicting-hostname", at: new.location))
            } else if old.hostname == nil {
                merged.hostname = hostname
            }
        }
        for address in new.addresses where !merged.addresses.contains(address) {
            merged.addresses.append(address)
        }
        merged.software += new.software
        merged.observations += new.observations
        // Two scans of one host: the shorter reach is the one every conclusion can rely on.
        merged.logAgeDays.merge(new.logAgeDays) { min($0, $1) }
        return merged
    }

    private func latest(_ a: String?, _ b: String?) -> String? {
        switch (a, b) {
        case (nil, _): return b
        case (_, nil): return a
        case let (a?, b?):
            let ta = Instant(rfc3339: a), tb = Instant(rfc3339: b)
            if let ta, let tb { return ta < tb ? b : a }
            return a
        }
    }
}
