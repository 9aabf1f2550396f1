/// Who a synthetic organisation is: a plausible name, sector, country, contacts and mail domain.
///
/// Names are made from invented place names and surnames in the patterns real notification lists
/// show ("City of …", "… Freight Services", "… & … Solicitors"); every domain ends in one of the
/// reserved `.example` names (RFC 2606), so no generated address can reach anyone.
struct OrganisationProfile: Sendable {
    var id: String
    var name: String
    var sector: String
    var country: String
    var language: String
    var domain: String
    var reference: String
    var contacts: [(name: String, email: String, role: String)]

    /// The profile of organisation `number`; `number` also makes the id and the case reference unique.
    init(number: Int, random: inout SplitMix64) {
        let (sector, patterns) = random.pick(Self.sectors)
        let place = random.pick(Self.places)
        let pattern = random.pick(patterns)
        name = pattern
            .replacingOccurrences(of: "{place}", with: place)
            .replacingOccurrences(of: "{surname}", with: random.pick(Self.surnames))
            .replacingOccurrences(of: "{other}", with: random.pick(Self.surnames))
        self.sector = sector
        (country, language) = random.pick(weighted: Self.countries)
        let slug = Self.slug(name)
        let suffix = String(number)
        let padded = String(repeating: "0", count: max(0, 6 - suffix.count)) + suffix
        // The number keeps ids unique however many organisations share a name; the slug is cut so
        // that the id stays within the 64 characters the scan format allows.
        id = String(slug.prefix(48)) + "-" + padded
        domain = String(slug.prefix(40)) + random.pick([".example", ".example.org", ".example.com", ".example.net"])
        reference = "CASE-2021-" + padded
        var contacts = [random.pick(Self.technicalContacts)]
        if random.chance(0.4) { contacts.append(random.pick(Self.securityContacts)) }
        let domain = domain
        self.contacts = contacts.map { (name: $0.name, email: $0.mailbox + "@" + domain, role: $0.role) }
    }

    /// The profile as the scan format's `organisation` object.
    var json: JSONText {
        .members([
            "id": .string(id), "name": .string(name), "sector": .string(sector), "country": .string(country),
            "contacts": .array(contacts.map { .members(["name": .string($0.name), "email": .string($0.email), "role": .string($0.role)]) }),
            "reference": .string(reference), "language": .string(language),
        ])
    }

    /// Lower-case letters and digits joined by hyphens: the shape of organisation ids and domain labels.
    static func slug(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: "-")
    }

    /// Sectors of the organisations that ran their own Exchange servers in 2021, with the name
    /// patterns of each.
    static let sectors: [(String, [String])] = [
        ("Local government", ["City of {place}", "{place} District Council", "{place} County Council", "Municipality of {place}"]),
        ("Healthcare", ["{place} General Hospital", "{place} Medical Practice", "{place} Community Clinic", "{place} Dental Care"]),
        ("Education", ["{place} Primary School", "{place} High School", "{place} College", "University of {place}"]),
        ("Manufacturing", ["{place} Precision Engineering", "{place} Plastics", "{surname} Metalworks", "{place} Packaging"]),
        ("Legal", ["{surname} & {other} Solicitors", "{surname} Legal", "{surname} Notaries"]),
        ("Finance", ["{place} Savings Bank", "{place} Credit Union", "{surname} Wealth Partners", "{place} Insurance Brokers"]),
        ("Retail", ["{place} Garden Centre", "{surname} Outfitters", "{place} Home Furnishings"]),
        ("Transport and logistics", ["{place} Freight Services", "{surname} Haulage", "{place} Port Authority"]),
        ("Research", ["{place} Research Institute", "{place} Laboratories"]),
        ("Utilities", ["{place} Water", "{place} Energy Cooperative", "{place} Public Transport"]),
        ("Culture", ["{place} Public Library", "{place} Museum", "{place} Theatre"]),
        ("Non-profit", ["{place} Food Bank", "{place} Housing Association", "Friends of {place}"]),
        ("Construction", ["{surname} Builders", "{place} Architects"]),
        ("Hospitality", ["{place} Hotel", "{surname} Catering"]),
        ("IT services", ["{place} IT Solutions", "{surname} Systems"]),
    ]

    static let places = [
        "Ashford", "Birkenau", "Bramble", "Brookfield", "Castleton", "Cedar Falls", "Clearwater", "Crestwood", "Dunmore",
        "Eastbrook", "Eichenfeld", "Elmstead", "Fairhaven", "Fenwick", "Glenrock", "Granite", "Greenford", "Harbour Point",
        "Hawthorne", "Highmoor", "Hillcrest", "Ironbridge", "Juniper", "Kingsbury", "Lakeside", "Larkspur", "Lindenau",
        "Maple Grove", "Marshfield", "Meadowbank", "Millbrook", "Northfield", "Oakridge", "Old Harbour", "Pinecrest",
        "Quarrybank", "Ravenswood", "Redcliff", "Riverside", "Rosedale", "Saltmarsh", "Silverlake", "Sonnenberg", "Southgate",
        "Springvale", "Steinbach", "Stonebridge", "Summerhill", "Thornbury", "Tidewater", "Underhill", "Valleyview",
        "Waldheim", "Westbrook", "Willowmere", "Windmere", "Woodside", "Yarrow",
    ]

    static let surnames = [
        "Abbott", "Bakker", "Barnes", "Becker", "Carver", "Dalton", "Dubois", "Ellis", "Fischer", "Fletcher", "Garner",
        "Hale", "Ingram", "Jensen", "Keller", "Lambert", "Moreau", "Morgan", "Nash", "Novak", "Oakes", "Parker", "Quinn",
        "Reyes", "Rossi", "Schmidt", "Sutton", "Turner", "Vogel", "Walsh", "Weber", "Young", "Zimmer",
    ]

    /// Countries weighted roughly as the vulnerable servers counted in March 2021 (Germany first),
    /// with the language notices to them are written in.
    static let countries: [(Int, (String, String))] = [
        (30, ("DE", "de")), (18, ("US", "en")), (8, ("GB", "en")), (7, ("FR", "fr")), (6, ("IT", "it")), (5, ("NL", "nl")),
        (4, ("AT", "de")), (3, ("CH", "de")), (3, ("ES", "es")), (3, ("PL", "pl")), (2, ("BE", "fr")), (2, ("SE", "sv")),
        (2, ("CZ", "cs")), (2, ("IE", "en")), (1, ("DK", "da")), (1, ("FI", "fi")), (1, ("NO", "no")), (1, ("PT", "pt")),
    ]

    static let technicalContacts: [(name: String, mailbox: String, role: String)] = [
        ("IT Service Desk", "servicedesk", "technical"), ("IT Operations", "it-ops", "technical"),
        ("IT Support", "itsupport", "technical"), ("Systems Administration", "sysadmin", "technical"),
        ("Postmaster", "postmaster", "technical"), ("Managed Service Provider", "msp-support", "technical"),
    ]

    static let securityContacts: [(name: String, mailbox: String, role: String)] = [
        ("Information Security Officer", "ciso", "security"), ("Security Team", "security", "security"),
        ("Data Protection Officer", "dpo", "management"), ("Head of IT", "head-of-it", "management"),
    ]
}
