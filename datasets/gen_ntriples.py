#!/usr/bin/env python3
"""Generates a seeded, realistic N-Triples file of any size in the Kennis domain.

    datasets/gen_ntriples.py --triples 1000000 --seed 1 -o /tmp/kennis-1m.nt

The shape follows the bundled data (docs/ontology.md): organisations of the quintuple helix
(SMEs, knowledge institutes, governments) in Northern-Netherlands municipalities, active in
energy sub-sectors, holding and needing competences; their people; joint projects. Like
LUBM, most triples hang off a few shared vocabularies (types, sectors, competences,
regions) and about a quarter of the terms are distinct per triple: IRIs share long
prefixes, literals mix plain, language-tagged and typed (xsd:integer, xsd:decimal,
xsd:date) values, addresses are blank nodes, and some names carry non-ASCII letters.

The same --seed and --triples give the same bytes (random.Random's generator and the
sampling functions used here have been stable across Python 3 releases). Output stops after
exactly --triples statements. A -o path ending in .gz is gzip-compressed.
"""

import argparse
import gzip
import random
import sys

K = "https://w3id.org/kennis#"
D = "https://w3id.org/kennis/data/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

MUNICIPALITIES = [
    "Groningen", "Leeuwarden", "Assen", "Emmen", "Heerenveen", "Drachten", "Sneek", "Delfzijl",
    "Veendam", "Hoogezand", "Stadskanaal", "Winschoten", "Meppel", "Hoogeveen", "Coevorden",
    "Harlingen", "Franeker", "Dokkum", "Bolsward", "Joure", "Wolvega", "Oosterwolde",
    "Zuidhorn", "Appingedam", "Eemshaven", "Roden", "Zuidlaren", "Beilen", "Westerwolde",
    "Súdwest-Fryslân", "Noardeast-Fryslân", "De Fryske Marren", "Tytsjerksteradiel",
    "Smallingerland", "Achtkarspelen", "Opsterland", "Ooststellingwerf", "Weststellingwerf",
    "Het Hogeland", "Midden-Groningen", "Oldambt", "Pekela", "Eemsdelta", "Westerkwartier",
    "Tynaarlo", "Aa en Hunze", "Borger-Odoorn", "Midden-Drenthe", "De Wolden", "Noordenveld",
]
SECTORS = [
    "Hydrogen", "OffshoreWind", "OnshoreWind", "SolarPV", "Biogas", "GreenGas", "HeatNetworks",
    "HeatPumps", "Geothermal", "GridOperation", "EnergyStorage", "SmartGrids", "Batteries",
    "CarbonCapture", "Electrolysis", "EnergyEfficiency", "BuiltEnvironment", "Mobility",
    "ChargingInfrastructure", "Biorefinery", "PowerToX", "EnergyTrading", "Cooperatives",
    "Insulation", "IndustrialHeat", "Maintenance", "Decommissioning", "DigitalTwins",
]
COMPETENCE_STEMS = [
    "welding", "electrical-installation", "process-control", "data-analysis", "grid-planning",
    "permitting", "project-management", "safety-engineering", "materials-testing",
    "power-electronics", "hydrogen-safety", "heat-pump-installation", "pipeline-inspection",
    "software-development", "machine-learning", "cybersecurity", "asset-management",
    "stakeholder-engagement", "financing", "life-cycle-assessment", "corrosion-protection",
    "composite-repair", "drone-inspection", "control-systems", "thermal-modelling",
]
COMPETENCE_LEVELS = ["basic", "advanced", "expert", "certified"]
KETS = [
    "AdvancedManufacturing", "AdvancedMaterials", "Nanotechnology", "MicroNanoElectronics",
    "Photonics", "IndustrialBiotechnology", "ArtificialIntelligence",
    "DigitalSecurityAndConnectivity", "LifeScienceTechnologies",
]
THEMES = [
    "hydrogen-valley", "energy-transition", "circular-economy", "regional-grid-congestion",
    "sustainable-heat", "smart-industry", "offshore-to-onshore", "energy-poverty",
    "skills-for-the-transition", "local-energy-communities", "green-chemistry",
]
FIRST = [
    "Anna", "Bram", "Chantal", "Daan", "Eline", "Femke", "Gerrit", "Hylke", "Ilse", "Jelle",
    "Klaas", "Lieke", "Marrit", "Niels", "Oane", "Pieter", "Renske", "Sjoerd", "Tjitske",
    "Ulbe", "Vera", "Wietse", "Yfke", "Zoë", "Geartsje", "Sytse", "Jantje", "Hindrik", "Aukje",
    "Ruben", "Noor", "Sanne", "Thijs", "Lotte", "Bas", "Iris", "Joost", "Maaike", "Hein", "José",
]
LAST = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
    "Postma", "Hoekstra", "Dijkstra", "Wiersma", "van der Meer", "Kuipers", "Brouwer",
    "Huisman", "Veenstra", "Zijlstra", "Talsma", "Bouma", "Sikkema", "Haagsma", "Oosting",
    "Boersma", "Wijbenga", "Schaafsma", "Kloosterman", "Venema", "Hofstede", "Tuinstra",
]
ORG_WORDS = [
    "Noord", "Wad", "Terp", "Dollard", "Eems", "Hunze", "Veen", "Kwelder", "Dyk", "Mar",
    "Fries", "Grunn", "Drents", "Esker", "Brink", "Haven", "Polder", "Zee", "Wind", "Zon",
    "Warmte", "Stroom", "Net", "Gas", "Water", "Stoom", "Bouw", "Tech", "Energie", "Werk",
]
ORG_FORMS = ["BV", "B.V.", "VOF", "Holding BV", "Techniek BV", "Groep", "Coöperatie U.A."]
JOB_TITLES_NL = [
    "directeur", "projectleider", "monteur", "engineer", "adviseur", "onderzoeker",
    "beleidsmedewerker", "data-analist", "werkvoorbereider", "accountmanager",
]
STREETS = [
    "Hoofdstraat", "Kerkstraat", "Stationsweg", "Industrieweg", "Havenkade", "Dorpsstraat",
    "Zernikelaan", "Energieweg", "Nieuweweg", "Molenweg", "Vaart Noordzijde", "Oosterstraat",
]


def esc(s):
    """Escapes a lexical form for N-Triples."""
    return s.replace("\\", "\\\\").replace('"', '\\"')


def lit(s):
    return '"' + esc(s) + '"'


def lang(s, tag):
    return '"' + esc(s) + '"@' + tag


def typed(s, dt):
    return '"' + esc(s) + '"^^<' + XSD + dt + ">"


def iri(s):
    return "<" + s + ">"


def slug(s):
    out = []
    for ch in s.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


class Generator:
    def __init__(self, seed, limit, out):
        self.rnd = random.Random(seed)
        self.limit = limit
        self.count = 0
        self.out = out
        self.buf = []
        self.blank = 0
        r = self.rnd
        self.competences = [
            iri(D + "competence/" + stem + "-" + level + "-" + str(i))
            for i in range(40)
            for stem in COMPETENCE_STEMS
            for level in COMPETENCE_LEVELS[: 1 + i % 4]
        ]
        r.shuffle(self.competences)
        self.sectors = [iri(D + "sector/" + s) for s in SECTORS]
        self.regions = [iri(D + "region/" + slug(m)) for m in MUNICIPALITIES]
        self.kets = [iri(K.rstrip("#") + "/ket#" + k) for k in KETS]
        self.themes = [iri(D + "theme/" + t) for t in THEMES]
        self.orgs = []
        self.p = {
            name: iri(K + name)
            for name in [
                "SME", "KnowledgeInstitute", "Government", "Project", "Competence",
                "activeIn", "hasCompetence", "needsCompetence", "locatedIn", "kvkNumber",
                "foundedOn", "employees", "participant", "budget", "theme", "startDate",
                "hasSkill", "reliesOn", "revenue",
            ]
        }
        for name in ["name", "email", "url", "address", "streetAddress", "postalCode",
                     "addressLocality", "jobTitle", "Person", "PostalAddress"]:
            self.p["schema:" + name] = iri(SCHEMA + name)
        self.p["org:memberOf"] = iri(ORG + "memberOf")
        self.p["skos:prefLabel"] = iri(SKOS + "prefLabel")

    def emit(self, s, p, o):
        if self.count >= self.limit:
            raise StopIteration
        self.buf.append(s + " " + p + " " + o + " .\n")
        self.count += 1
        if len(self.buf) >= 4096:
            self.flush()

    def flush(self):
        self.out.write("".join(self.buf))
        self.buf.clear()

    def vocabulary(self):
        P = self.p
        for i, c in enumerate(self.competences):
            self.emit(c, RDF_TYPE, P["Competence"])
            self.emit(c, P["skos:prefLabel"], lang(c[len(D) + 12:-1].replace("-", " "), "en"))
            self.emit(c, P["reliesOn"], self.kets[i % len(self.kets)])
        for s in self.sectors:
            self.emit(s, RDFS_LABEL, lang(s[len(D) + 8:-1], "en"))
        for m, r in zip(MUNICIPALITIES, self.regions):
            self.emit(r, RDFS_LABEL, lang(m, "nl"))

    def organisation(self, n):
        r, P = self.rnd, self.p
        kind = r.choices(["SME", "KnowledgeInstitute", "Government"], weights=[85, 10, 5])[0]
        name = r.choice(ORG_WORDS) + r.choice(ORG_WORDS).lower() + " " + r.choice(ORG_FORMS)
        org = iri(D + "org/" + str(100000 + n))
        self.orgs.append(org)
        region = r.randrange(len(MUNICIPALITIES))
        self.emit(org, RDF_TYPE, P[kind])
        self.emit(org, RDFS_LABEL, lit(name))
        self.emit(org, P["kvkNumber"], lit(str(r.randrange(10000000, 99999999))))
        self.emit(org, P["schema:url"], iri("https://www." + slug(name) + "-" + str(n) + ".nl/"))
        self.emit(org, P["foundedOn"], typed("%04d-%02d-%02d" % (
            r.randrange(1950, 2024), r.randrange(1, 13), r.randrange(1, 29)), "date"))
        self.emit(org, P["employees"], typed(str(int(r.paretovariate(1.2) * 3)), "integer"))
        self.emit(org, P["revenue"], typed("%d.%02d" % (r.randrange(50, 5000) * 1000,
                                                         r.randrange(100)), "decimal"))
        self.emit(org, P["locatedIn"], self.regions[region])
        for s in r.sample(self.sectors, r.randrange(1, 4)):
            self.emit(org, P["activeIn"], s)
        for c in r.sample(self.competences[:600], r.randrange(2, 9)):
            self.emit(org, P["hasCompetence"], c)
        for c in r.sample(self.competences, r.randrange(1, 5)):
            self.emit(org, P["needsCompetence"], c)
        self.blank += 1
        addr = "_:a" + str(self.blank)
        self.emit(org, P["schema:address"], addr)
        self.emit(addr, RDF_TYPE, P["schema:PostalAddress"])
        self.emit(addr, P["schema:streetAddress"],
                  lit(r.choice(STREETS) + " " + str(r.randrange(1, 250))))
        self.emit(addr, P["schema:postalCode"],
                  lit("%d %s%s" % (r.randrange(7700, 9999), chr(65 + r.randrange(26)),
                                   chr(65 + r.randrange(26)))))
        self.emit(addr, P["schema:addressLocality"], lit(MUNICIPALITIES[region]))
        for k in range(r.randrange(2, 7)):
            self.person(org, n, k)
        if r.random() < 0.15 and len(self.orgs) > 5:
            self.project(n)

    def person(self, org, n, k):
        r, P = self.rnd, self.p
        first, last = r.choice(FIRST), r.choice(LAST)
        person = iri(D + "person/" + str(100000 + n) + "-" + str(k))
        self.emit(person, RDF_TYPE, P["schema:Person"])
        self.emit(person, P["schema:name"], lit(first + " " + last))
        if r.random() < 0.6:
            self.emit(person, P["schema:email"],
                      lit(slug(first) + "." + slug(last) + "@" + org[len(D) + 5:-1] + ".example"))
        self.emit(person, P["org:memberOf"], org)
        self.emit(person, P["schema:jobTitle"], lang(r.choice(JOB_TITLES_NL), "nl"))
        for c in r.sample(self.competences[:600], r.randrange(1, 6)):
            self.emit(person, P["hasSkill"], c)

    def project(self, n):
        r, P = self.rnd, self.p
        project = iri(D + "project/" + str(n))
        self.emit(project, RDF_TYPE, P["Project"])
        self.emit(project, RDFS_LABEL, lang(
            r.choice(["Pilot", "Living lab", "Demonstrator", "Study", "Consortium"]) + " " +
            r.choice(SECTORS) + " " + r.choice(MUNICIPALITIES) + " " + str(n), "en"))
        self.emit(project, P["theme"], r.choice(self.themes))
        self.emit(project, P["startDate"], typed("%04d-%02d-01" % (
            r.randrange(2015, 2026), r.randrange(1, 13)), "date"))
        self.emit(project, P["budget"], typed("%d.00" % (r.randrange(10, 2000) * 5000), "decimal"))
        for o in r.sample(self.orgs[-200:], min(len(self.orgs[-200:]), r.randrange(2, 6))):
            self.emit(project, P["participant"], o)

    def run(self):
        try:
            self.vocabulary()
            n = 0
            while True:
                self.organisation(n)
                n += 1
        except StopIteration:
            pass
        self.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1000000, help="statements to write")
    ap.add_argument("--seed", type=int, default=1, help="random seed")
    ap.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    args = ap.parse_args()
    if args.triples < 0:
        ap.error("--triples must be >= 0")
    if args.output == "-":
        out = sys.stdout
    elif args.output.endswith(".gz"):
        out = gzip.open(args.output, "wt", encoding="utf-8", compresslevel=6)
    else:
        out = open(args.output, "w", encoding="utf-8")
    with out if out is not sys.stdout else open(1, "w", encoding="utf-8", closefd=False) as f:
        Generator(args.seed, args.triples, f).run()


if __name__ == "__main__":
    main()
