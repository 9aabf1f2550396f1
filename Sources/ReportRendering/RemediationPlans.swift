import BulletinModel

/// The remediation steps of every host of one organisation, planned once: the HTML and Markdown
/// report and report.json show the same steps, and filling them is not free.
struct RemediationPlans {
    /// Per advisory id, its planner (which the steps' HTML needs) and its hosts' steps by host id.
    private var byAdvisory: [String: (planner: RemediationPlanner, steps: [String: [RemediationPlanner.PlannedStep]])] = [:]

    init(_ assessment: OrganisationAssessment, advisories: [String: Advisory], reportDate: String) {
        let hosts = Dictionary(assessment.scan.hosts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in assessment.advisories {
            guard let advisory = advisories[entry.advisoryID] else { continue }
            let planner = RemediationPlanner(advisory: advisory, reportDate: reportDate)
            var steps: [String: [RemediationPlanner.PlannedStep]] = [:]
            for hostAssessment in entry.hosts {
                guard let host = hosts[hostAssessment.hostID], steps[host.id] == nil else { continue }
                steps[host.id] = planner.steps(for: host, assessment: hostAssessment)
            }
            byAdvisory[entry.advisoryID] = (planner, steps)
        }
    }

    /// The steps of host `hostID` for advisory `advisoryID`.
    func steps(advisory advisoryID: String, host hostID: String) -> [RemediationPlanner.PlannedStep] {
        byAdvisory[advisoryID]?.steps[hostID] ?? []
    }

    /// The planner of advisory `advisoryID` (the one every report of this build uses).
    func planner(advisory advisoryID: String) -> RemediationPlanner? {
        byAdvisory[advisoryID]?.planner
    }
}
