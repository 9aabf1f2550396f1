import BulletinModel
import Yams

/// Reads one entry of an advisory's `affected` list and checks that its versions parse by its
/// scheme and that its branches make sense, so that assessment never meets a malformed table.
struct AffectedProductReader {
    let locator: YAMLReader.Locator

    func read(_ node: Node, diagnostics: inout [Diagnostic]) -> AffectedProduct? {
        guard var fields = YAMLReader(node, locator: locator, role: "affected entry", diagnostics: &diagnostics) else { return nil }
        let before = diagnostics.count
        let product = fields.string("product", required: true, diagnostics: &diagnostics)
        var names = fields.strings("names", diagnostics: &diagnostics)
        if names.isEmpty, let product { names = [product] }
        let status = fields.value("status", diagnostics: &diagnostics).flatMap { node -> AffectedProduct.DeclaredStatus? in
            guard node.string == AffectedProduct.DeclaredStatus.notAffected.rawValue else {
                diagnostics.append(.error("'status' of an affected entry can only be 'not_affected'; leave it out to decide by version", id: "yaml.invalid-value", at: locator.location(node)))
                return nil
            }
            return .notAffected
        } ?? .byVersion
        let scheme = fields.choice("scheme", as: AffectedProduct.VersionScheme.self, required: status == .byVersion, diagnostics: &diagnostics) ?? .dotted
        let cves = fields.strings("cves", required: status == .byVersion, diagnostics: &diagnostics)
        let fixedFrom = version("fixed_from", scheme: scheme, in: &fields, diagnostics: &diagnostics)
        let otherwise = fields.value("otherwise", diagnostics: &diagnostics).flatMap { node -> AffectedProduct.Otherwise? in
            guard let value = AffectedProduct.Otherwise(rawValue: node.string ?? "") else {
                diagnostics.append(.error("'otherwise' must be 'no_fix' (no update exists) or 'vulnerable'", id: "yaml.invalid-value", at: locator.location(node)))
                return nil
            }
            return value
        } ?? .noFix
        var branches: [AffectedProduct.Branch] = []
        for item in fields.list("branches", diagnostics: &diagnostics) {
            guard var branch = YAMLReader(item, locator: locator, role: "branch", diagnostics: &diagnostics) else { continue }
            let name = branch.string("name", required: true, diagnostics: &diagnostics)
            let build = version("build", scheme: scheme, required: true, in: &branch, diagnostics: &diagnostics)
            let fixed = version("fixed", scheme: scheme, required: true, in: &branch, diagnostics: &diagnostics)
            let update = branch.string("update", diagnostics: &diagnostics)
            branch.reportUnknownKeys(diagnostics: &diagnostics)
            guard let name, let build, let fixed else { continue }
            if let prefix = Version.parse(build, scheme: scheme), let full = Version.parse(fixed, scheme: scheme), !full.starts(with: prefix) {
                diagnostics.append(.error("branch \(name): fixed build \(fixed) is not on the branch \(build)", id: "advisory.branch-mismatch", at: branch.location))
            }
            branches.append(AffectedProduct.Branch(name: name, build: build, fixed: fixed, update: update))
        }
        fields.reportUnknownKeys(diagnostics: &diagnostics)
        guard !diagnostics[before...].containsError, let product else { return nil }
        return AffectedProduct(
            product: product, names: names, scheme: scheme, cves: cves, declaredStatus: status, fixedFrom: fixedFrom,
            branches: branches, otherwise: otherwise, location: fields.location)
    }

    /// A version field that must parse by the entry's scheme. YAML reads `15.2` as a number, so an
    /// unquoted value is taken as written.
    private func version(_ key: String, scheme: AffectedProduct.VersionScheme, required: Bool = false, in fields: inout YAMLReader, diagnostics: inout [Diagnostic]) -> String? {
        guard let node = fields.value(key, required: required, diagnostics: &diagnostics) else { return nil }
        let text = node.scalar?.string ?? ""
        guard Version.parse(text, scheme: scheme) != nil else {
            diagnostics.append(.error("'\(key)' is '\(text)', which is not a \(scheme.rawValue) version", id: "advisory.invalid-version", at: locator.location(node)))
            return nil
        }
        return text
    }
}
