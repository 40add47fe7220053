/**
 * English pools of the demo stocktaking generator: organisation names, contact names and the
 * English phrase pack (see `demo-phrases.ts` for the text format).
 */
import type { LanguagePackSource } from "./demo-phrases.ts";

/**
 * Organisation name templates (English). `{c}` country in running text, `{cb}` the same
 * without a leading "the", `{w}` brand word, `{p}` ministry portfolio, `{s}` business
 * sector, `{x}` company suffix for the region, `{r}` regional adjective.
 */
export const ORG_TEXT = `
#government
Ministry of {p} of {c} | Ministry of {p} of {c} | Ministry of {p} of {c} | {cb} Telecommunications Regulatory Authority
National Digital Government Agency of {c} | {cb} National Cybersecurity Centre | National Statistics Office of {c}
{cb} Post and Telecommunications Authority | Digital Transformation Office of {c} | {cb} Information Technology Authority
National Library of {c} | {cb} Public Administration Reform Agency | National Broadband Programme Office of {c}
#portfolio
Digital Economy | Communications and Information Technology | Health | Education | Agriculture and Rural Development
ICT and Innovation | Public Administration | Environment and Climate Change | Labour and Employment | Culture
Youth and Sports | Women and Family Affairs | Transport and Communications | Digital Transformation
Higher Education and Scientific Research | Social Affairs
#private_sector
{w} {s} {x} | {w} {s} {x} | {w} {s} | {cb} Telecom {x} | {w} {s} Group | {w} Mobile {x}
#sector
Technologies | Digital | Networks | Systems | Solutions | Software | Fintech | Data | Cloud | AgriTech
HealthTech | EdTech | Analytics | Telecom | Labs | Connect
#civil_society
{w} Foundation | {cb} Association for Digital Inclusion | Women in Technology {cb} | {w} Youth Network
{cb} Digital Rights Coalition | Rural Connect {cb} | Community Media Network of {c} | {w} Trust
Centre for Digital Literacy, {cb} | {w} Education Fund | {cb} Federation of Persons with Disabilities
{cb} Farmers' Union | {w} Women's Cooperative | Friends of the {w} Library | {cb} Red Cross Digital Volunteers
#international_organization
{r} Digital Cooperation Council | {r} Telecommunications Organization | {r} Centre for E-Government
International Centre for ICT and Development | Global Partnership for Digital Inclusion | {r} Agricultural Information Network
International Network for Open Science | {r} Health Informatics Association | {r} Regional Office for Digital Development
#academia
National University of {c} | {cb} Institute of Technology | {cb} Polytechnic Institute | {cb} Open University
School of Computing, National University of {c} | Centre for ICT Research, {cb} | {w} University
Institute for Digital Society Studies, {cb} | {cb} University of Science and Technology | {w} College of Education
Faculty of Medicine, {w} University | {cb} Agricultural Research Institute
#technical_community
{cb} Network Information Centre | Internet Society {cb} Chapter | {cb} Computer Emergency Response Team
{cb} Internet Exchange Point | {cb} Open Source Software Association | {cb} Network Operators Group
{cb} Research and Education Network | IPv6 Task Force {cb} | {cb} Developers Community | {w} Hackerspace
#other
{cb} Public Library Network | {w} Community Radio | {w} Media Collective | {cb} Postal Service
{w} Cooperative | {cb} Chamber of Commerce and Industry | {w} Independent Consultants | {cb} Museum of Science
#brand
Kijani | Sahel | Andes | Baobab | Nova | Atlas | Meridian | Zenith | Lumen | Orion | Indigo | Savanna | Cedar
Lotus | Aurora | Delta | Kora | Tamarind | Nimbus | Polaris | Equinox | Terra | Helix | Vertex | Juniper
Harambee | Jasmine | Mosaic | Sankofa | Oasis | Tiger Lily | Monsoon | Steppe | Altai | Pampa | Condor
Acacia | Marula | Sirocco | Falcon | Lagoon | Coral | Summit | Horizon | Pioneer | Beacon | Keystone | Ubuntu
#regionAdj
African | Inter-American | Arab | Asia-Pacific | Eurasian | European
#suffix_AFR
Ltd | Ltd | PLC | Limited
#suffix_AMS
Inc. | S.A. | LLC | Ltda.
#suffix_ARB
LLC | W.L.L. | S.A.R.L. | FZ-LLC
#suffix_ASP
Pvt Ltd | Co., Ltd | Pte Ltd | Ltd
#suffix_CIS
LLC | JSC | LLP
#suffix_EUR
GmbH | S.A. | Ltd | B.V. | S.r.l. | AB
`;

/** Contact names per region (ASCII, so that they double as e-mail local parts). CIS surnames are "male|female". */
export const PEOPLE_TEXT = `
#first_AFR
Amina | Kwame | Chinedu | Fatou | Wanjiru | Thabo | Abebe | Nomvula | Ibrahim | Grace | Moussa | Aisha | Kofi
Zanele | Tendai | Halima | Olusegun | Akosua | Jean-Paul | Esther | Samuel | Mercy | Didier | Lindiwe
#last_AFR
Okafor | Mensah | Diallo | Kamau | Nkosi | Tesfaye | Banda | Traore | Mwangi | Osei | Ndlovu | Kouassi
Mutua | Sow | Adeyemi | Phiri | Abubakar | Achieng | Mbeki | Kagame | Otieno | Ndiaye | Boateng | Moyo
#first_AMS
Maria | Jose | Ana | Carlos | Lucia | Diego | Camila | Juan | Sofia | Pedro | Jennifer | Michael | Gabriela
Luis | Fernanda | Andres | Valentina | Mateo | Daniela | Joao | Patricia | Kevin | Rosa | Marcos
#last_AMS
Silva | Gonzalez | Rodriguez | Santos | Martinez | Lopez | Hernandez | Pereira | Ramirez | Torres | Smith
Johnson | Castro | Morales | Oliveira | Vargas | Flores | Rojas | Mendoza | Brown | Souza | Quispe | Campbell
#first_ARB
Ahmed | Fatima | Mohamed | Layla | Omar | Mariam | Youssef | Noura | Khaled | Huda | Hassan | Salma | Karim
Rania | Tarek | Leila | Samir | Dalia | Walid | Amal | Faisal | Yasmine | Nabil | Hana
#last_ARB
Al-Mansouri | Haddad | El-Sayed | Benali | Al-Harbi | Khoury | Nasser | Mansour | Al-Qahtani | Saleh
Bouazizi | Farouk | Hamdan | Ibrahim | Aziz | Jaber | Al-Hashimi | Chaabane | Darwish | El-Amrani | Al-Zahrani
#first_ASP
Wei | Priya | Hiroshi | Siti | Minh | Arjun | Mei | Raj | Yuki | Ji-woo | Anh | Rahul | Ayesha | Kenji
Dewi | Tenzin | Sana | Farhan | Malalai | Sione | Kavya | Hamid | Nurul | Bayarmaa
#last_ASP
Wang | Sharma | Tanaka | Rahman | Nguyen | Kim | Li | Patel | Santos | Wijaya | Khan | Chen | Suzuki
Perera | Tran | Lee | Park | Gupta | Hossain | Reyes | Siddiqui | Tan | Dorji | Fonua
#first_CIS_m
Aleksandr | Dmitry | Nursultan | Sergey | Rustam | Timur | Arman | Bakhyt | Andrei | Farrukh | Ilya | Azamat
#first_CIS_f
Elena | Aigerim | Olga | Gulnara | Natalia | Irina | Madina | Svetlana | Dilnoza | Anna | Zarina | Tatiana
#last_CIS
Ivanov|Ivanova | Petrov|Petrova | Nurlanov|Nurlanova | Karimov|Karimova | Smirnov|Smirnova
Aliyev|Aliyeva | Sokolov|Sokolova | Abdullaev|Abdullaeva | Kozlov|Kozlova | Grigoryan|Grigoryan
Tashkentov|Tashkentova | Volkov|Volkova | Usmonov|Usmonova | Beridze|Beridze
#first_EUR
Anna | Lukas | Sophie | Marco | Elena | Jan | Claire | Thomas | Ingrid | Pablo | Marta | Pieter | Eva
Katarina | Johan | Ayse | Mehmet | Olena | Nino | Lars | Chiara | Piotr | Ines | Siobhan
#last_EUR
Muller | Rossi | Dubois | Novak | Jensen | Garcia | Kowalczyk | Schmidt | Martin | Bianchi | Janssen
Horvat | Nielsen | Ferreira | Murphy | Lefebvre | Virtanen | Costa | Weber | Yilmaz | Demir | Kovalenko
`;

export const EN_PACK: LanguagePackSource = {
  list: [", ", " and "],
  groupList: [", ", " as well as "],
  sentenceSep: " ",
  thousands: ",",
  text: `
@C1
T National Digital Transformation Strategy | Inclusive Broadband Policy Consultations
T Digital Development Roadmap for Local Governments | Parliamentary Capacity on Digital Policy
T Multi-Stakeholder Dialogue on ICT Policy | Open Policy Lab for the Information Society
G brings ministries, companies and civil society together to shape the national digital agenda
G runs public consultations so that citizens can comment on draft ICT policies online
G supports local governments in drafting and monitoring their digital development plans
G trains policymakers to align national ICT strategies with the Sustainable Development Goals
@C2
T Last-Mile Connectivity for Rural Villages | Community Wi-Fi Networks
T Solar-Powered Mobile Base Stations | National Fibre Backbone Extension
T Satellite Internet for Remote Islands | School and Clinic Broadband Connection
G extends affordable broadband to villages that were previously unconnected
G deploys community-owned Wi-Fi networks that connect schools, clinics and markets
G installs solar-powered base stations to bring mobile coverage to off-grid areas
G lays fibre-optic links between district towns and the national backbone
@C3
T Digital Public Library Network | Open Data Portal for Citizens | Community Information Centres
T Free Access to Scientific Publications | Libraries as Digital Community Hubs
T Open Government Data for Accountability
G turns public libraries into digital hubs offering free Internet access and e-resources
G publishes government datasets in open formats that anyone can reuse
G equips community centres with computers and trained staff who help people find information
G makes research articles and educational materials freely available online
@C4
T Digital Skills Bootcamps | Train-the-Trainer Scheme for Digital Skills | Coding Clubs
T ICT Training for Civil Servants | Basic Digital Literacy Campaign | Community Digital Champions
G offers free courses in basic and advanced digital skills
G trains local instructors who then run digital literacy workshops in their communities
G runs after-school coding clubs that introduce young people to programming and robotics
G delivers certified ICT training to civil servants and small business owners
@C5
T Cybersecurity Awareness Campaign | National Computer Incident Response Team
T Child Online Protection | Cyber Hygiene for Small Businesses | Safer Internet Campaign
T Cyber Drills and Incident Simulation
G raises awareness of online fraud, phishing and safe password practices
G sets up a national team to detect, analyse and respond to cyber incidents
G teaches children, parents and teachers how to stay safe online
G helps small businesses assess their cyber risks and apply basic security controls
@C6
T Spectrum Policy Reform | Regulatory Sandbox for Digital Innovation
T Data Protection Law Implementation | Universal Service Fund Modernisation
T Affordable Internet Policy Review | FinTech Regulatory Pilot
G modernises telecommunications regulation to encourage investment and competition
G helps the regulator test innovative digital services in a controlled sandbox
G supports the implementation of a new personal data protection law
G reviews licensing rules and the universal service fund to lower the cost of Internet access
@C7-egov
T One-Stop E-Government Portal | Mobile Public Services App | Digital Civil Registry
T E-Procurement Platform | Online Business Registration | Paperless Municipal Services
G brings hundreds of public services together on a single online portal
G lets citizens request certificates and pay fees from their mobile phones
G digitises civil registration so that births, marriages and deaths are recorded online
G moves public procurement online to make tenders faster and more transparent
@C7-ebus
T E-Commerce Platform for Artisans | Mobile Payments for Market Traders
T Digital Marketplace for Small Businesses | Women Entrepreneurs Go Digital
T Online Export Promotion Hub | Digital Financial Inclusion Drive
G helps artisans and small producers sell their products online to national and foreign buyers
G enables market traders to accept mobile payments and keep digital sales records
G connects small businesses with customers, suppliers and logistics providers through a shared platform
G offers training and micro-credit so that women entrepreneurs can open online shops
@C7-elearn
T Digital Classrooms | Open Educational Resources Platform | Teacher Digital Competence Framework
T Radio and Online Distance Learning | Tablet-Based Learning in Primary Schools
T Virtual Science Laboratories
G equips schools with devices, connectivity and digital learning content
G provides free open educational resources aligned with the national curriculum
G trains teachers to integrate digital tools into everyday lessons
G combines radio lessons with an offline learning app for students without Internet access
@C7-ehealth
T Telemedicine for Rural Clinics | Mobile Maternal Health Alerts | Community Health Worker App
T Electronic Health Records Rollout | AI-Assisted Eye Disease Screening
T Text Message Vaccination Reminders
G connects rural clinics with specialist doctors through video consultations
G sends SMS reminders on antenatal visits, vaccinations and nutrition to expectant mothers
G equips community health workers with a mobile app to register patients and track follow-up visits
G introduces interoperable electronic health records in public hospitals
@C7-eemploy
T Online Job Matching Platform | Digital Freelancing Skills
T Remote Work Opportunities for Persons with Disabilities | Digital Apprenticeships
T Youth Employment Through ICT | Gig Worker Protection Portal
G matches job seekers with employers through an online platform and mobile alerts
G trains young people to find freelance work on online platforms
G creates remote work opportunities for persons with disabilities using accessible tools
G combines digital skills training with apprenticeships in local companies
@C7-eenv
T Early Warning System for Floods | Air Quality Monitoring Network | E-Waste Collection and Recycling
T Satellite Monitoring of Forest Cover | Storm Alerts for Coastal Communities
T Urban Pollution Dashboard
G uses sensors and SMS alerts to warn communities about floods and storms
G monitors air quality in real time and publishes the data on an open dashboard
G organises the collection and safe recycling of electronic waste
G uses satellite imagery to track deforestation and report it to local authorities
@C7-eagri
T SMS Advisories for Smallholder Farmers | Digital Market Prices Service
T Farmer Cooperative E-Platform | Precision Irrigation Pilot | Weather Information for Farmers
T Crop Price Alerts by Mobile
G sends farmers SMS advice on planting, pests and weather in local languages
G publishes daily market prices so that farmers can negotiate better deals
G helps cooperatives manage members, inputs and sales through a simple web platform
G uses soil sensors and mobile alerts to optimise irrigation on small farms
@C7-esci
T Research and Education Network | Citizen Science Biodiversity App | Open Science Data Repository
T High-Performance Computing for Researchers | Virtual Research Collaboration Platform
T Community Ocean Observation Network
G connects universities and research centres through a high-speed research network
G invites volunteers to record plant and animal observations with a mobile app
G hosts open research data so that scientists can share and reuse results
G gives researchers shared access to high-performance computing and cloud resources
@C8
T Digitising Cultural Heritage Archives | Indigenous Languages Online | Oral History Digital Archive
T Local Content Incubator | Virtual Museum Tours | Local Language Content Creation
G digitises manuscripts, photographs and recordings held by national archives
G supports the creation of online content in local and indigenous languages
G records oral histories from elders and publishes them in an online archive
G helps local creators produce and distribute digital cultural content
@C9
T Community Radio Digitalisation | Media Literacy and Fact-Checking
T Accessible Broadcasting for Deaf Viewers | Local Journalism Online | Rural Radio Goes Online
T Countering Misinformation Hub
G helps community radio stations switch to digital production and online streaming
G trains journalists and students to verify information and counter misinformation
G adds sign language and captioning to television news programmes
G supports local newsrooms in building sustainable online publications
@C10
T Ethical AI Guidelines | Digital Rights Awareness | Responsible Data Use in the Public Sector
T Ethics of Emerging Technologies Forum | Privacy by Design Toolkit | Online Hate Speech Prevention
G develops practical guidelines for the ethical use of artificial intelligence
G raises awareness of privacy, freedom of expression and other rights online
G helps public bodies use personal data responsibly and transparently
G brings philosophers, engineers and citizens together to debate emerging technologies
@C11
T Twinning of National ICT Agencies | Regional Digital Policy Harmonisation
T South-South Knowledge Exchange on ICT | Regional Internet Exchange Point Partnership
T Regional Digital Cooperation Network | Cross-Border Roaming Agreement Support
G facilitates knowledge exchange between ICT agencies of neighbouring countries
G supports regional harmonisation of digital policies and regulations
G brings together partners from several countries to share good practices in ICT for development
G coordinates joint investment in cross-border digital infrastructure
#brandAdj
Digital | Connected | Open | Smart | Inclusive | Bright | Shared | Future | Green | Rising | Common | Bold | United | Local | Next
#brandNoun
Bridges | Horizons | Pathways | Futures | Roots | Sparks | Gateway | Compass | Harvest | Commons | Voices | Villages | Steps | Wave
#brandKinds
Initiative | Programme | Project | Lab | Hub | Network | Alliance | Platform
#brand
{name} {kind}
#titles
{core} in {where} | {brand}: {core} | {core} for {group} | {brand}: {core} in {where} | {core} ({brand}) | {core} – {brand}
#subjects
The project {g}. | This initiative {g}. | The programme {g}. | {brand} {g}.
#also
It also {g}. | In addition, it {g}.
#areas
several municipalities | three rural districts | the capital city | two northern provinces | peri-urban neighbourhoods
coastal communities | mountain villages | secondary cities
#local
Activities are concentrated in {area} of {country}. | It runs in {area} of {country}.
#national
It is implemented nationwide in {country}. | The project covers all provinces of {country}.
#regional
It operates in {countries}, in the {region} region. | It brings together partners from {countries} ({region}).
#international
It involves partners in {countries}. | Pilot activities take place in {countries}.
#global
It is open to participants worldwide. | Its resources are used in many countries around the world.
#regions
Africa | Americas | Arab States | Asia-Pacific | CIS | Europe
#regionsTitle
Africa | the Americas | the Arab Region | Asia and the Pacific | the CIS Region | Europe
#groups
youth = young people | children = children | women_girls = women and girls | older_persons = older persons
persons_with_disabilities = persons with disabilities | indigenous_peoples = indigenous peoples
rural_remote = rural and remote communities | low_income = low-income households | refugees_migrants = refugees and migrants
msme = small businesses | teachers_students = teachers and students | public_officials = public officials
#titleGroups
youth = Youth | children = Children | women_girls = Women and Girls | older_persons = Older Persons
persons_with_disabilities = Persons with Disabilities | indigenous_peoples = Indigenous Peoples
rural_remote = Rural Communities | low_income = Low-Income Households | refugees_migrants = Refugees and Migrants
msme = Small Businesses | teachers_students = Teachers and Students | public_officials = Public Officials
#groupLines
It primarily serves {groups}. | Its main beneficiaries are {groups}. | Particular attention is paid to {groups}.
#noGroup
It is open to the general public. | Its services are available to everyone free of charge.
#planned
It aims to reach about {n} people in its first phase. | The first phase is expected to benefit some {n} people.
#ongoing
Since {year}, more than {n} people have benefited. | About {n} people currently use its services.
#completed
By the time it ended, it had reached about {n} people. | Over its lifetime it benefited more than {n} people.
#partners
It is delivered in partnership with {partners}. | Partners include {partners}.
#partnerPool
local authorities | mobile network operators | universities | community radio stations | UN agencies
women's associations | private companies | public libraries | youth organisations | teacher training colleges
`,
};
