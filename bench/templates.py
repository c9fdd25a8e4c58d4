"""Sentence templates for the synthetic benchmark corpus.

Written for the benchmark, not taken from any article. Slots:

    {ord}     an ordinal ("57th", "third")          {place}, {place2}  a place spelling
    {when}    a date phrase ("on November 12, 2020", "on Tuesday", "yesterday", "")
    {When}    the same, capitalised, for the head of a sentence
    {n}       a number of vehicles                  {km}  a route length
    {k}       a number of people hurt               {zone}  a road or zone ("the M4 highway")
    {src}     who said it ("the Turkish Defence Ministry")

A template whose slot the event cannot fill (a patrol without an ordinal, an attack without a
zone) is skipped by the generator.
"""

from __future__ import annotations

PATROL = (
    "Turkish and Russian troops carried out the {ord} joint patrol near {place} {when}.",
    "The {ord} joint Turkish-Russian ground patrol was conducted {when} in the countryside of {place}, {src} said.",
    "{When}, Russian military police and Turkish forces held the {ord} joint patrol along a route between "
    "{place} and {place2}, with {n} armoured vehicles taking part.",
    "{src_cap} said the {ord} joint patrol covered about {km} km around {place} {when}.",
    "A joint Russian-Turkish patrol moved through villages east of {place} {when}, {src} said.",
    "Russian and Turkish servicemen conducted a joint patrol in the {place} area {when} using {n} vehicles and drones.",
    "{When}, a convoy of {n} Turkish and Russian military vehicles patrolled the road from {place} to {place2}.",
    "The two armies completed the {ord} round of joint patrols near {place} {when}.",
)

PATROL_ZONE = (
    "Turkish and Russian forces carried out the {ord} joint patrol on {zone} {when}.",
    "A joint patrol drove along {zone} {when}, the first section starting near {place}.",
)

ATTACK = (
    "Protesters threw stones at a joint Russian-Turkish patrol near {place} {when}, injuring {k} soldiers.",
    "An explosive device went off next to a joint patrol convoy near {place} {when}, {src} said, adding that "
    "{k} servicemen were wounded.",
    "{When}, a roadside bomb struck a joint patrol on {zone} close to {place}.",
    "Unknown gunmen opened fire on a Turkish-Russian patrol near {place} {when}; {k} people were hurt.",
    "A car bomb targeted the joint patrol near {place} {when}, {src} reported.",
)

SUSPENSION = (
    "Russia and Turkey suspended the joint patrols on {zone} {when} after repeated attacks on the convoys.",
    "The joint patrols near {place} have been halted since {when_bare}, a military source told {outlet}.",
    "{When}, Moscow said it had stopped the joint patrols around {place} for security reasons.",
)

RESUMPTION = (
    "Joint patrols resumed near {place} {when} after a pause of several weeks.",
    "{When}, Turkish and Russian troops restarted the joint patrols on {zone}, {src} said.",
    "The suspended joint patrols around {place} were resumed {when}.",
)

AGREEMENT = (
    "Ankara and Moscow agreed {when} to set up a security corridor along {zone} and to patrol it jointly.",
    "{When}, the Russian and Turkish delegations signed a protocol on new joint patrol routes east of {place}.",
    "Turkish and Russian officials reached a deal {when} on joint patrols in the {place} region.",
)

OPERATION = (
    "Turkish forces launched a military operation against Kurdish fighters near {place} {when}.",
    "{When}, the Turkish army began an offensive in the area of {place}, {src} said.",
    "Turkey started a new cross-border operation around {place} {when}.",
)

WITHDRAWAL = (
    "Kurdish fighters withdrew from {place} {when} under the terms of the memorandum.",
    "{When}, the last SDF units pulled out of the {place} area, {src} said.",
)

BY_TYPE: dict[str, tuple[str, ...]] = {
    "patrol": PATROL,
    "patrol_zone": PATROL_ZONE,
    "attack": ATTACK,
    "patrol_suspended": SUSPENSION,
    "patrol_resumed": RESUMPTION,
    "agreement": AGREEMENT,
    "military_operation": OPERATION,
    "withdrawal": WITHDRAWAL,
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "patrol": (
        "Turkish, Russian troops hold {ord} joint patrol in {place}",
        "{ord_cap} joint patrol completed near {place}",
        "Russia, Turkey continue joint patrols in northern Syria",
    ),
    "attack": ("Joint patrol attacked near {place}", "Turkish-Russian convoy targeted in {place}"),
    "patrol_suspended": ("Joint patrols halted after attacks", "Russia, Turkey pause patrols near {place}"),
    "patrol_resumed": ("Joint patrols back on the road near {place}", "Turkey, Russia resume patrols"),
    "agreement": ("Ankara, Moscow agree on new patrol routes", "Deal reached on joint patrols"),
    "military_operation": ("Turkey launches operation near {place}", "New Turkish offensive in northern Syria"),
    "withdrawal": ("Kurdish forces leave {place}", "SDF pulls out of border strip"),
}

BACKGROUND = (
    "The joint patrols are part of the arrangements Ankara and Moscow reached for the border strip.",
    "Ankara regards the YPG as an extension of the PKK, which it lists as a terrorist organisation.",
    "Under the memorandum signed in Sochi on October 22, 2019, Kurdish units were to move 30 km away from the border.",
    "The patrols usually last a few hours and follow a route agreed in advance by the two militaries.",
    "Residents of the area have repeatedly protested against the presence of foreign troops.",
    "Drones accompany the convoys to watch the route from the air.",
    "The two countries back opposing sides in the Syrian conflict but coordinate closely in the north.",
    "Observers say the patrols have become routine, with few incidents reported in recent months.",
    "The Kremlin said the situation in the region remained under control.",
    "Military police officers met the Turkish side at a checkpoint before the convoy set off.",
)

OTHER_NEWS = (
    "Central bank keeps interest rates unchanged",
    "Football: league leaders held to a draw",
    "Heavy rain causes flooding in coastal towns",
    "Ministers meet to discuss energy prices",
    "New museum opens in the old city",
    "Airline adds flights for the summer season",
)

COMMENT_OPENERS = ("Leave a Reply", "Notify of", "View all comments", "3 comments")
COMMENTS = (
    "this will not last long, mark my words",
    "Who is paying for all of this?",
    "Another photo op, nothing changes on the ground.",
    "Good news for the people living there.",
)
FURNITURE = ("Share this article", "Photo: file photo", "Click to see full-size image", "Print")

SOURCES = (
    "the Turkish Defence Ministry",
    "the Russian Defence Ministry",
    "the Russian Centre for Reconciliation",
    "a local source",
    "the Syrian Observatory for Human Rights",
    "Turkish security sources",
)

CITIES = ("MOSCOW", "ANKARA", "ISTANBUL", "DAMASCUS", "BEIRUT", "QAMISHLI", "ERBIL", "IDLIB")

# Roads and zones the curated gazetteer knows, as the press writes them.
ZONES = (
    "the M4 highway",
    "the M-4 motorway",
    "the Aleppo-Latakia highway",
    "the M4 road",
    "the Operation Peace Spring zone",
    "the Idlib de-escalation zone",
)
