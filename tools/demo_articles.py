#!/usr/bin/env python3
"""Writes src/main/resources/demo/articles.jsonl: Byline's demo collection.

Every article here is fiction written for Byline: invented towns, people and events. The mix is
deliberate: skewed author and source counts, several categories, dates over fourteen years in the
date forms Byline accepts, names with diacritics, some articles without id or url (ids derived),
and a few long ones.
"""
import json, pathlib

A = []
def art(**kw):
    A.append(kw)

art(id="demo-001", url="https://harbourcourier.example/2024/03/port-aldren-council-election",
    title="Port Aldren votes for a new council as turnout climbs",
    author="Ana Tubić", date="2024-03-17", source="The Harbour Courier", category=["Politics", "Local"],
    body="Voters in Port Aldren elected a new town council on Sunday, with turnout reaching 68 percent, the highest since the harbour district was merged with the old town.\n\nThe Greens and the Harbour Alliance will share power after neither won a majority. Mayor Ilse Brandt said the result showed that residents wanted the ferry terminal finished before any new projects began.\n\nCounting finished shortly after midnight. Election officials said the new electronic tally had worked without a fault, though two polling stations ran out of paper ballots in the afternoon.")
art(id="demo-002", url="https://harbourcourier.example/2023/10/ferry-terminal-delays",
    title="Ferry terminal delayed again as steel costs rise",
    author="Ana Tubić", date="2023-10-02T09:30:00+02:00", source="The Harbour Courier", category=["Local", "Business"],
    body="The new ferry terminal at Port Aldren will open a year late, the harbour board said on Monday, blaming the price of steel and a shortage of welders.\n\nThe board had promised the terminal for the summer season. Its chair, Oskar Vennberg, said the contractor had asked for more money twice and that the board would not pay a third time.\n\nFerry passengers will keep using the temporary pontoon, which floods at spring tides.")
art(id="demo-003", title="Election night in Vessby: the count, hour by hour",
    author=["Ana Tubić", "Jonas Müller"], date="2020-09-14", source="The Harbour Courier", category="Politics",
    body="Polls closed at eight. By nine the first ballot boxes from the island wards had arrived by boat, and by ten the counting hall at Vessby school smelled of coffee and wet coats.\n\nThe early results favoured the incumbent, Rolf Aberg, but the town wards counted late and swung hard the other way. At half past one his challenger, Mirela Kovač, was declared elected by 212 votes.\n\nBoth candidates thanked the volunteers, who had counted every ballot twice.")
art(id="demo-004", url="https://northfieldgazette.example/science/glacier-retreat",
    title="Glacier above Northfield has lost a third of its ice since 2012",
    author="Jonas Müller", date="2022-08-05", source="Northfield Gazette", category=["Environment", "Science"],
    body="The Skarvik glacier, which feeds the river that runs through Northfield, has lost about a third of its volume in ten years, according to a survey by the regional university.\n\nResearchers flew drones over the ice each August and compared the models. The loss was fastest in the warm summers of 2018 and 2022, said glaciologist Dr. Hannah Schmidt, who led the work.\n\nThe town's hydropower plant depends on meltwater in late summer. Its operators say they are already planning for lower flows after 2035.")
art(id="demo-005", title="Müller wins regional chess title on tie-break",
    author="Liam O'Connor", date="2015-02-22", source="Northfield Gazette", category="Sport",
    body="Katrin Müller, a seventeen-year-old from Northfield, won the regional chess championship on Sunday after a tense tie-break against the defending champion.\n\nThe two had drawn all four rapid games. In the final blitz game Müller sacrificed a knight on move nineteen and forced mate eleven moves later. Her coach said she had studied the opening for a month.\n\nShe will represent the region at the national championship in May.")
art(id="demo-006", url="https://meridianwire.example/business/shipyard-orders",
    title="Shipyard wins orders for six electric ferries",
    author="Priya Raman", date="Mon, 10 Apr 2023 08:00:00 GMT", source="Meridian Wire", category="Business",
    body="The Kallmar shipyard has won orders for six battery-electric ferries from three coastal operators, securing work for its 900 employees until 2027.\n\nThe ferries will carry up to 300 passengers and 60 cars and recharge in ten minutes at each end of their routes. The yard's chief executive, Tomas Lind, said the orders were the largest in its history.\n\nShares in the yard's parent company rose eight percent on the news.")
art(id="demo-007", url="https://meridianwire.example/tech/fibre-islands",
    title="Fibre reaches the outer islands",
    author="Priya Raman", date="April 10, 2019", source="Meridian Wire", category="Technology",
    body="The last of the outer islands off the Vessby coast was connected to fibre broadband this week, ending years of unreliable radio links.\n\nThe cable was laid across the sound by a converted fishing boat. Islanders said the first thing they did was make a video call to relatives abroad without the picture freezing.\n\nThe regional government paid for two thirds of the project; the rest came from the islands' own cooperative.")
art(id="demo-008", title="Budget 2021: council raises harbour fees to fund flood wall",
    author="Ana Tubić", date="2020-12-03", source="The Harbour Courier", category=["Politics", "Business"],
    body="Port Aldren's council approved its budget for 2021 on Thursday, raising harbour fees by twelve percent to pay for a flood wall along the old quay.\n\nFishing crews protested outside the town hall before the vote. Their spokesman, Ragnar Holt, said the fees would fall hardest on the smallest boats.\n\nThe council agreed to phase the increase over three years for boats under ten metres.")
art(id="demo-009", url="https://valleytribune.example/health/clinic-opens",
    title="Valley clinic opens with evening hours for shift workers",
    author="Fatima Haddad", date="2018-06-11", source="Valley Tribune", category="Health",
    body="A new health clinic opened in Lower Brenn on Monday, the first in the valley to stay open until nine in the evening.\n\nThe clinic was designed for workers at the paper mill and the distribution centre, many of whom work shifts that end after the town's surgery closes. Its director, Dr. Samuel Okafor, said a third of the first week's appointments were already booked.\n\nThe clinic also offers vaccinations without an appointment on Saturday mornings.")
art(id="demo-010", url="https://valleytribune.example/sport/brenn-rowing",
    title="Brenn rowing club takes the river cup for the first time",
    author="Liam O'Connor", date="2016-07-31", source="Valley Tribune", category="Sport",
    body="The Brenn rowing club won the river cup on Saturday, beating crews from Northfield and Kallmar over the two-kilometre course.\n\nThe eight had trained on the flooded lower river all spring. Their stroke, Nuno Gonçalves, said the crew had only believed they could win when they passed the Northfield boat at the railway bridge.\n\nThe club was founded in 1921 and had never before reached the final.")
art(id="demo-011", title="Researchers find rare orchid on the Skarvik moor",
    author="Jonas Müller", date="2017-06-20", source="Northfield Gazette", category=["Science", "Environment"],
    body="Botanists surveying the Skarvik moor have found a colony of the bog orchid, a plant not recorded in the region for forty years.\n\nThe colony, about sixty plants, grows beside a drainage ditch that the landowner had agreed to block as part of a peatland restoration scheme. The rising water seems to have helped, said ecologist Zoë Castellanos.\n\nThe exact location is being kept secret to protect the plants from collectors.")
art(id="demo-012", url="https://coastlineweekly.example/culture/lighthouse-festival",
    title="Lighthouse festival draws record crowds to Kallmar point",
    author="Chloé Dubois", date="2019-08-18", source="Coastline Weekly", category="Culture",
    body="More than twelve thousand people came to the lighthouse festival at Kallmar point over the weekend, a record for the event in its eleventh year.\n\nThe programme mixed folk music from the islands with a light show projected onto the lighthouse itself. Organiser Bjørn Åsheim said the festival would need a second car park if it grew again.\n\nVolunteers collected more than two tonnes of litter on Monday morning.")
art(id="demo-013", title="Library reopens after a year of repairs",
    author="Chloé Dubois", date="2021-05-07", source="Coastline Weekly", category=["Culture", "Local"],
    body="Port Aldren's public library reopened on Friday after a year of repairs to its roof and heating.\n\nThe building, a former customs house, now has a children's room in the old bonded store and a reading room with views across the harbour. Librarian Maja Ekdahl said the library had kept lending books from a van throughout the closure.\n\nThe repairs cost less than budgeted because the original timbers were sounder than feared.")
art(id="demo-014", url="https://meridianwire.example/politics/regional-election-2016",
    title="Regional elections: coalition keeps its majority",
    author="Mateo García", date="2016-09-19", source="Meridian Wire", category="Politics",
    body="The governing coalition kept its majority in the regional assembly after Sunday's elections, losing two seats but holding on by a margin of three.\n\nThe coalition's leader, Henrik Sandell, said voters had backed its plans for the coast road and the new hospital. The opposition gained in the cities but not in the valleys.\n\nTurnout was 61 percent, slightly lower than four years earlier.")
art(id="demo-015", title="Wind farm plan divides Vessby islanders",
    author="Mateo García", date="2022-02-14", source="Meridian Wire", category=["Environment", "Business"],
    body="A plan for twenty wind turbines off the Vessby islands has divided residents, with supporters pointing to cheaper power and critics to the view and the birds.\n\nThe developer says the turbines would supply every home in the district twice over. The islands' bird-watching society says the site lies across the spring migration route of the eider duck.\n\nA public hearing is set for next month.")
art(id="demo-016", url="https://harbourcourier.example/2012/05/old-quay-fire",
    title="Fire destroys net lofts on the old quay",
    author="Ana Tubić", date="2012-05-29", source="The Harbour Courier", category="Local",
    body="A fire destroyed three wooden net lofts on Port Aldren's old quay overnight. No one was hurt.\n\nFirefighters stopped the blaze from reaching the fish market next door. The lofts, built in the 1880s, were used by crews to store and mend nets. The cause is not yet known.\n\nThe harbour master said the crews would be offered space in a warehouse until new lofts could be built.")
art(id="demo-017", url="https://harbourcourier.example/2013/11/storm",
    title="Storm surge floods harbour streets",
    author="Ana Tubić", date="2013-11-08", source="The Harbour Courier", category=["Local", "Environment"],
    body="A storm surge pushed seawater a metre deep into the streets around Port Aldren harbour on Thursday night, the worst flooding since 1953.\n\nShops along the quay were flooded and two boats broke their moorings. The town's emergency centre opened the sports hall for families who had to leave their homes.\n\nCouncillors said the flood showed that the town needed a proper sea wall, not the sandbags it had relied on for decades.")
art(id="demo-018", title="Paper mill to cut its water use by half",
    author="Priya Raman", date="2014-03-12", source="Meridian Wire", category=["Business", "Environment"],
    body="The paper mill at Lower Brenn will cut the river water it uses by half over five years, after investing in a closed-loop cleaning system.\n\nThe mill is the valley's largest employer. Its manager, Kwame Mensah, said the investment would pay for itself through lower charges and would help fish stocks in the river recover.\n\nAnglers' groups welcomed the news but said they wanted independent monitoring.")
art(id="demo-019", url="https://valleytribune.example/local/bridge-reopens",
    title="Brenn bridge reopens after repairs",
    author="Fatima Haddad", date="2019-11-25", source="Valley Tribune", category="Local",
    body="The road bridge over the river at Brenn reopened on Monday after six months of repairs to its corroded steel.\n\nThe closure had forced drivers into a forty-minute detour. Shopkeepers in the town centre said trade had fallen by a quarter while it lasted.\n\nThe repairs should give the bridge another thirty years, the county engineer said.")
art(id="demo-020", title="Students build a weather station on the school roof",
    author="Sun Wei", date="2023-01-30", source="Northfield Gazette", category=["Science", "Technology"],
    body="Pupils at Northfield secondary school have built a weather station on the school roof and publish its readings online every ten minutes.\n\nThe station measures temperature, wind, rain and air quality. The physics teacher, Erik Lindqvist, said the pupils had written the software themselves and had already caught a fault in one sensor by comparing it with the airport's readings.\n\nThe data will be used in science lessons across the district.")
art(id="demo-021", url="https://northfieldgazette.example/tech/robot-harvest",
    title="Robots pick the strawberry harvest at Holm farm",
    author="Sun Wei", date="2024-06-28", source="Northfield Gazette", category=["Technology", "Business"],
    body="For the first time, most of the strawberries at Holm farm outside Northfield were picked by robots this summer.\n\nThe machines use cameras to judge ripeness and soft grippers to pick the fruit without bruising it. Farmer Greta Holm said she still employs pickers for the first and last weeks of the season, when the fruit is scattered.\n\nThe robots are leased from a company in the capital for a fee per kilogram.")
art(id="demo-022", title="Hospital waiting times fall for the third year",
    author="Fatima Haddad", date="2025-02-18", source="Valley Tribune", category="Health",
    body="Patients in the valley waited an average of nine weeks for planned operations last year, down from fourteen weeks three years ago, according to the regional health board.\n\nThe board credits a new day-surgery unit and evening operating lists. Surgeons warned that the gains depended on staff who were working long hours.\n\nWaiting times for mental health services did not improve.")
art(id="demo-023", url="https://coastlineweekly.example/sport/sailing-regatta",
    title="Island regatta returns after five-year break",
    author="Liam O'Connor", date="2022-07-10", source="Coastline Weekly", category="Sport",
    body="The island regatta returned to Vessby on Saturday after five years without a race, with forty-two boats starting in a fresh westerly breeze.\n\nThe race around the outer islands was won by the Skarvik sailing club's boat Tern, skippered by Ingrid Falk. The regatta had stopped after its sponsor withdrew; this year the islands' businesses paid for it together.\n\nThe organisers hope to make it an annual event again.")
art(id="demo-024", title="Council debates a ban on cars in the old town",
    author="Jonas Müller", date="2019-03-05", source="Northfield Gazette", category=["Politics", "Local"],
    body="Northfield's council debated a proposal to ban cars from the old town centre on Tuesday, with shopkeepers and residents split.\n\nSupporters said the narrow streets were unsafe for pedestrians and that trade had grown in towns that had banned cars. Opponents said older residents would be cut off.\n\nThe council will hold a six-month trial next summer before deciding.")
art(id="demo-025", url="https://meridianwire.example/science/seal-count",
    title="Grey seal numbers recover along the coast",
    author="Priya Raman", date="2021-10-21", source="Meridian Wire", category=["Science", "Environment"],
    body="The number of grey seals along the coast has doubled in fifteen years, according to an aerial count published on Thursday.\n\nThe count found more than four thousand seals, most of them on the skerries off Kallmar. Fishermen say the seals damage nets and take fish; biologists say the population is returning to levels last seen a century ago.\n\nThe government will review its seal management plan next year.")
art(id="demo-026", title="Bakery on Market Street marks one hundred years",
    author="Chloé Dubois", date="2017-12-01", source="Coastline Weekly", category=["Culture", "Business"],
    body="The Lund bakery on Port Aldren's Market Street celebrated its hundredth year on Friday with free cardamom buns for anyone who queued.\n\nThe bakery has been run by the same family for four generations. Its current owner, Elin Lund, still uses her great-grandfather's sourdough starter, which she keeps in the cellar.\n\nThe queue stretched round the corner by eight in the morning.")
art(id="demo-027", url="https://harbourcourier.example/2025/01/sea-wall-complete",
    title="Sea wall finished, twelve years after the great flood",
    author="Ana Tubić", date="2025-01-15T14:00:00Z", source="The Harbour Courier", category=["Local", "Environment"],
    body="Port Aldren's sea wall was finished this week, twelve years after the storm surge that flooded the harbour streets.\n\nThe wall runs for 1.4 kilometres along the old quay and the fish market. Gates in the wall close automatically when the tide reaches a set height. The mayor said residents could now sleep through winter storms.\n\nThe wall cost less than the flood damage of 2013, the council noted.")
art(id="demo-028", title="Taxi app and drivers reach deal on fares",
    author="Mateo García", date="2018-04-16", source="Meridian Wire", category=["Business", "Technology"],
    body="Taxi drivers in Kallmar have reached an agreement with a ride-hailing app over fares, ending a two-week strike.\n\nThe app will guarantee a minimum fare per kilometre and let drivers see a passenger's destination before accepting a ride. The drivers' union said the deal was a model for other towns.\n\nThe app's regional manager said prices for passengers would rise slightly.")
art(id="demo-029", url="https://valleytribune.example/culture/choir-tour",
    title="Valley choir sings its way to the national final",
    author="Hannah Schmidt", date="2015-10-04", source="Valley Tribune", category="Culture",
    body="The Lower Brenn community choir has reached the national choir final after winning the regional round with a programme of valley work songs.\n\nMost of the choir's forty members work at the paper mill or on farms. Their conductor, Zoë Castellanos, arranged the songs from recordings made in the 1950s.\n\nThe final will be broadcast on national radio in November.")
art(id="demo-030", title="Data centre plan promises heat for homes",
    author="Sun Wei", date="2025-06-09", source="Meridian Wire", category=["Technology", "Environment"],
    body="A company that wants to build a data centre outside Kallmar says the waste heat from its servers could warm two thousand homes through the town's district heating network.\n\nThe plan needs a new power line, which has drawn objections from landowners. The company says it would pay for the line and for connecting the heat.\n\nThe council will decide on the planning application in the autumn.")
art(id="demo-031", url="https://northfieldgazette.example/sport/ski-club",
    title="Northfield skiers return with three medals",
    author="Liam O'Connor", date="2014-02-26", source="Northfield Gazette", category="Sport",
    body="Northfield's ski club returned from the national youth championships with a gold and two bronze medals.\n\nThe gold went to fifteen-year-old Bjørn Åsheim in the slalom. The club trains on the small slope behind the hospital, which has its own snow cannons since the winters grew milder.\n\nThe club is raising money for a second lift.")
art(id="demo-032", title="Fishing quotas cut as cod stocks fall",
    author="Kwame Mensah", date="2016-12-13", source="Coastline Weekly", category=["Business", "Environment"],
    body="Cod quotas for the coastal fleet will be cut by a fifth next year after scientists found stocks had fallen for the fourth year running.\n\nThe cut will hit the smallest boats hardest. The fishermen's association said it accepted the science but wanted help for crews while stocks recovered.\n\nHerring quotas will rise slightly.")
art(id="demo-033", title="Town hall clock stops at 4:17",
    author="Erik Lindqvist", date="2013-04-17", source="Northfield Gazette", category="Local",
    body="Northfield's town hall clock stopped at 4:17 on Tuesday afternoon, and the town discovered that nobody knew how to start it again.\n\nThe clockmaker who had looked after it for thirty years retired last spring. The council has found a specialist two hundred kilometres away who will come next month.\n\nUntil then, residents have been asked to trust their phones.")
art(id="demo-034", url="https://meridianwire.example/politics/coast-road",
    title="Coast road approved after twenty years of debate",
    author="Mateo García", date="2021-03-24", source="Meridian Wire", category=["Politics", "Business"],
    body="The regional assembly approved the coast road between Kallmar and Port Aldren on Wednesday, ending a debate that began in 2001.\n\nThe road will shorten the journey between the two towns by forty minutes. Environmental groups said it would cut through the last unbroken stretch of coastal heath and promised to challenge it in court.\n\nConstruction could start in 2023 if the challenge fails.")
art(id="demo-035", title="Vaccination bus visits the islands",
    author="Fatima Haddad", date="2021-06-02", source="Valley Tribune", category="Health",
    body="A vaccination bus travelled to the Vessby islands on the car ferry this week, reaching older residents who could not easily get to the mainland.\n\nNurses gave more than six hundred doses in three days. On the smallest island, the bus parked outside the chapel, which served as the waiting room.\n\nThe health board plans to use the bus for other check-ups in future.")
art(id="demo-036", title="Old cinema becomes a music school",
    author="Chloé Dubois", date="2023-09-15", source="Coastline Weekly", category=["Culture", "Local"],
    body="The Regal cinema in Kallmar, closed since 2009, has reopened as a music school with twelve practice rooms and a small concert hall in the old auditorium.\n\nThe school was paid for by a foundation set up by a retired shipowner. It offers free lessons to children whose families cannot pay.\n\nIts first concert sold out in an hour.")
art(id="demo-037", url="https://harbourcourier.example/2016/06/ferry-strike",
    title="Ferry crews strike over rosters",
    author="Ana Tubić", date="2016-06-22", source="The Harbour Courier", category=["Business", "Local"],
    body="Crews on the Port Aldren ferries went on strike on Wednesday over new rosters that they say leave too little rest between shifts.\n\nNo ferries sailed to the islands. The operator said it had tried to keep to the rules on working time; the union said the rules were being read too narrowly.\n\nTalks will resume on Friday.")
art(title="Letters: the coast road will not fix our buses",
    author="Ingrid Falk", date="2021-04-02", source="The Harbour Courier", category="Opinion",
    body="Sir, your report on the coast road says it will cut forty minutes from the journey to Kallmar. That is true for drivers. For those of us who take the bus, the road changes nothing unless the region also pays for more buses, and nothing in the plan says it will.\n\nI would rather have a bus every hour on the old road than a new road with a bus twice a day.")
art(title="Opinion: why small towns should keep their newspapers",
    author="Jonas Müller", date="2024-11-11", source="Northfield Gazette", category="Opinion",
    body="When a town loses its newspaper, it loses more than a place to read about council meetings. It loses the habit of knowing what its neighbours are doing.\n\nStudies in other countries have found that towns without a local paper see lower turnout in local elections and higher borrowing costs for their councils, because nobody is watching.\n\nNorthfield still has its Gazette. It will keep it only if people pay for it.")
art(id="demo-040", url="https://meridianwire.example/science/telescope",
    title="Amateur astronomers spot a new comet from Skarvik",
    author="Sun Wei", date="2012-10-09", source="Meridian Wire", category="Science",
    body="Two amateur astronomers observing from the dark skies above the Skarvik moor have discovered a comet, which will carry their names.\n\nThey spotted the faint smudge on photographs taken with a small telescope in their garden. The discovery was confirmed by an observatory abroad two nights later.\n\nThe comet will not be visible without a telescope.")

LONG_1 = [
 "Twelve years ago the storm surge came over the old quay at Port Aldren a little after ten at night. By midnight the water in Harbour Street was a metre deep, the fish market was flooded to its counters, and two trawlers had broken their moorings and drifted into the inner basin. This is the story of how the town decided to build a sea wall, argued about it for a decade, and finally finished it this winter.",
 "The first argument was about money. The town's budget could not pay for a wall, and the region would pay only if the town paid a share first. The council raised harbour fees, which brought fishing crews to the town hall steps in protest. The compromise, phasing the increase over three years for the smallest boats, was reached late one December night and held.",
 "The second argument was about the view. A solid wall along the quay would have hidden the harbour from the street, and the shopkeepers of Harbour Street, who had lost their stock to the flood, were the first to say they did not want one. The engineers came back with a lower wall and gates that close only when the tide rises past a set height. Most days the gates stand open and the harbour can be seen as before.",
 "The third argument was about the fish market. The market stands on piles over the water, and no wall could protect it without rebuilding it. The council chose to raise the market floor instead, which meant closing it for a summer. Traders sold from tents on the square; some said it was the best summer they had had.",
 "The last argument was about who would maintain the gates. The harbour board and the council each thought it was the other's job. In the end the board took it on in exchange for a share of the parking fees on the quay, a deal that both sides called fair and neither seemed to like.",
 "The wall was finished in January. It runs for 1.4 kilometres and cost less than the damage of 2013. On the first stormy night after it was finished, the gates closed at eleven, the water rose to within a hand's breadth of their tops, and Harbour Street stayed dry. In the morning the fishing crews were back on the quay, mending nets, as if nothing had happened.",
 "Not everyone is satisfied. The island wards, whose piers are outside the wall, say the town has protected itself and forgotten them. The council has promised to study flood defences for the islands next. Residents there say they have heard that before.",
 "The engineers who designed the wall say the hardest part was not the concrete but the ground beneath it. The old quay stands on fill dumped into the harbour over three centuries: ballast stones, broken bricks, the timbers of ships that were not worth repairing. Test bores found a cellar nobody knew about and, in one place, the hull of a small boat. Each surprise meant a redesign, and each redesign meant another month.",
 "The builders worked in the tidal windows, six hours on and six off, for two winters. Residents of Harbour Street grew used to floodlights at three in the morning and the beeping of reversing lorries. The contractor gave every household on the street a pair of earplugs and a calendar of the noisiest weeks, which people say helped more than they expected.",
 "What the wall will not do, the engineers are careful to say, is last for ever. It is designed for the sea level expected in 2080, with room to add another half-metre on top. Whether the town's grandchildren will need to do that depends on decisions made far from Port Aldren. For now, the gates open every morning, and the harbour looks much as it did before the flood.",
]
art(id="demo-041", url="https://harbourcourier.example/2025/02/how-the-wall-was-built",
    title="How Port Aldren built its sea wall: a decade of arguments, in five acts",
    author=["Ana Tubić", "Ragnar Holt"], date="2025-02-01", source="The Harbour Courier", category=["Local", "Environment", "Politics"],
    body="\n\n".join(LONG_1))

LONG_2 = [
 "The Kallmar shipyard has built ships for a hundred and forty years. It built wooden schooners, then steel steamers, then the ferries that still cross the sound. Twice it nearly closed: in the 1980s, when orders went to yards abroad, and in 2009, when the banks would not lend. Today it has more work than at any time in its history, and most of it is for ships that carry no fuel at all.",
 "The change began with a small order. In 2017 the island cooperative asked the yard for a battery-powered passenger boat for its shortest route, a crossing of eight minutes. Nobody at the yard had built one. The engineers borrowed ideas from the car industry and from a yard abroad that had built a battery ferry two years earlier, and the boat was delivered late and over budget.",
 "It was also a success. The boat cost a fifth as much to run as the diesel boat it replaced, and the islanders liked that it was quiet. Other operators came to look. By 2021 the yard had built four more, each larger than the last, and had learned how to charge them in the ten minutes a ferry spends at the quay.",
 "The yard's chief executive, Tomas Lind, is careful not to call it a revolution. The batteries are expensive and heavy; the longest routes still need diesel or hydrogen. But the short crossings, which are most of the crossings on this coast, are now electric, and the yard has orders for six more ferries until 2027.",
 "The town has changed with the yard. The apprenticeship programme, cut to a dozen places in 2009, now takes sixty young people a year. The technical college has opened a course in marine electrical engineering. Houses near the yard, which stood empty fifteen years ago, now sell within a week.",
 "Some worries remain. The yard depends on a handful of customers, most of them public bodies whose budgets can change with an election. Steel prices have risen sharply, and the welders the yard needs are scarce. And the batteries come from abroad, from factories the yard does not control.",
 "Lind says the answer is to keep learning. The yard is working on a hybrid design for the longer routes and on a way to reuse old ferry batteries as storage for the harbour's charging station. 'We have nearly closed twice,' he says. 'We know what it feels like. We do not want to feel it again.'",
 "On the slipway, the newest ferry is taking shape. Her hull is aluminium rather than steel, to save weight for the batteries, and her wheelhouse sits at the centre so that she never needs to turn around: she simply sails back the way she came. The welders working on her say aluminium is harder to weld well and easier to weld badly, and that the yard now trains its apprentices on it from the first week.",
 "The charging stations are as much a part of the business as the ships. Each quay needs a connection to the grid strong enough to fill a ferry's batteries in the time it takes to unload and load the cars. On the islands, where the grid is weak, the yard has installed banks of batteries on shore that charge slowly all day and discharge quickly when the ferry arrives.",
 "The operators who buy the ferries are watching the costs closely. A battery ferry costs more to build than a diesel one, and the batteries must be replaced after ten years or so. The savings come from fuel and maintenance: an electric motor has few moving parts, and the engineers who once spent their shifts in a hot engine room now spend them checking software. Over twenty years, the operators say, the sums come out in the yard's favour.",
]
art(id="demo-042", url="https://meridianwire.example/business/kallmar-yard-long-read",
    title="The yard that went electric: Kallmar's shipbuilders and the battery ferry",
    author="Priya Raman", date="2023-06-30", source="Meridian Wire", category=["Business", "Technology"],
    body="\n\n".join(LONG_2))

LONG_3 = [
 "Every August for ten years, a small team from the regional university has flown drones over the Skarvik glacier. They fly in grids, a few hundred metres up, taking thousands of overlapping photographs that software turns into a model of the ice, accurate to a few centimetres. Comparing the models year by year shows where the glacier is thinning, and how fast.",
 "The answer, published this summer, is that the glacier has lost about a third of its volume since 2012. The loss is not steady. In cool, snowy years the glacier holds its own; in warm years it loses as much as in three ordinary ones. The summers of 2018 and 2022 were the worst on record.",
 "For Northfield the numbers matter in a practical way. The river that runs through the town is fed by the glacier in late summer, after the snow has melted. That late-summer flow turns the turbines of the town's hydropower plant and keeps the river deep enough for the salmon to run. As the glacier shrinks, the late-summer flow will first rise, as more ice melts, and then fall, as there is less ice left to melt.",
 "The researchers think the peak is close. Their models suggest that late-summer flow will start to fall within fifteen years, and that by the end of the century the glacier will be a few patches of ice in the highest hollows. The plant's operators are planning for lower flows after 2035, including a new reservoir higher up the valley that would store spring meltwater for the summer.",
 "The reservoir has opponents. It would flood a valley used for summer grazing and crossed by an old trail that many in Northfield walk every year. The farmers who graze it say they were not asked. The plant's operators say the alternative is to import power in late summer, which would cost more and come from less clean sources.",
 "Dr. Hannah Schmidt, who leads the drone surveys, says the team will keep flying as long as there is ice to measure. She took her first photographs of the glacier as a student, from the same ridge where the team now launches its drones. 'The view has changed,' she says. 'You can see rock where there used to be ice. You don't need a model to see that.'",
 "The surveys are not only about volume. The drones also map the crevasses, which open and close as the ice flows over the bedrock, and the meltwater streams that run across the surface in summer. Two years ago the team found that a lake had formed at the glacier's edge, held back by a ridge of loose stones. Lakes like it can burst without warning; the team now photographs it every month from May to October.",
 "The guides who lead walkers onto the glacier have had to change their routes three times in ten years. The old path from the car park to the ice now ends at a field of boulders, and the ice begins a kilometre further up. One guide, who has worked on the glacier for twenty-five years, keeps a photograph from his first season on the wall of his hut. Visitors, he says, do not believe it is the same place.",
]
art(id="demo-043", url="https://northfieldgazette.example/science/glacier-long-read",
    title="Ten summers on the ice: what the Skarvik glacier tells Northfield",
    author=["Jonas Müller", "Hannah Schmidt"], date="2022-09-10", source="Northfield Gazette", category=["Science", "Environment"],
    body="\n\n".join(LONG_3))

art(id="demo-044", title="Chess club doubles its members after televised final",
    author="Liam O'Connor", date="2015-05-30", source="Northfield Gazette", category=["Sport", "Culture"],
    body="Northfield's chess club has doubled its membership since Katrin Müller's national final was shown on television in May.\n\nThe club now meets three evenings a week in the library instead of one. Its secretary said most new members were under sixteen, and that some parents had started learning too.\n\nMüller finished second at the national championship and has been invited to a training camp abroad.")
art(id="demo-045", url="https://valleytribune.example/business/mill-jobs",
    title="Paper mill adds a night shift as demand for packaging grows",
    author="Kwame Mensah", date="2024-09-03", source="Valley Tribune", category="Business",
    body="The paper mill at Lower Brenn is adding a night shift and hiring eighty workers as demand for cardboard packaging grows.\n\nThe mill switched from newsprint to packaging grades in 2019, when orders for newsprint fell. Its manager said the switch had saved the mill.\n\nThe new clinic's evening hours have helped recruit shift workers, the mill said.")
art(id="demo-046", title="Primary school wins national reading prize",
    author="Nuno Gonçalves", date="2018-11-22", source="Coastline Weekly", category=["Culture", "Local"],
    body="Vessby primary school has won a national prize for its reading programme, in which older pupils read with younger ones every morning before lessons.\n\nThe school has forty-one pupils, most of whom arrive by the morning ferry. Headteacher Anja Berg said the prize money would buy books for the ferry's waiting room.\n\nThe programme has been copied by two schools on the mainland.")

assert len(A) >= 40, len(A)
out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/demo/articles.jsonl"
with open(out, "w", encoding="utf-8") as f:
    for a in A:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
print(len(A), "articles ->", out)
