/**
 * French and Spanish phrase packs of the demo stocktaking generator (text format
 * described in `demo-phrases.ts`). Goal clauses follow a subject such as "Le projet"
 * or "El proyecto" and are written in the present tense.
 */
import type { LanguagePackSource } from "./demo-phrases.ts";

export const FR_PACK: LanguagePackSource = {
  list: [", ", " et "],
  groupList: [", ", ", "],
  sentenceSep: " ",
  thousands: " ",
  text: `
@C1
T Stratégie nationale de transformation numérique
T Feuille de route numérique pour les collectivités locales
T Formation des décideurs aux politiques numériques
T Dialogue multipartite sur les politiques du numérique
G réunit ministères, entreprises et société civile autour de la stratégie numérique nationale
G accompagne les collectivités locales dans l'élaboration et le suivi de leurs plans de développement numérique
G forme les décideurs à aligner les stratégies nationales en matière de TIC sur les objectifs de développement durable
@C2
T Connectivité du dernier kilomètre pour les villages | Réseaux Wi-Fi communautaires
T Stations de base mobiles à énergie solaire | Extension du réseau national de fibre optique
G étend l'accès au haut débit à un prix abordable aux villages encore non connectés
G déploie des réseaux Wi-Fi communautaires qui relient écoles, centres de santé et marchés
G installe des stations de base solaires pour couvrir les zones non raccordées au réseau électrique
@C3
T Réseau de bibliothèques publiques numériques | Portail de données ouvertes pour les citoyens
T Centres communautaires d'information | Accès libre aux publications scientifiques
G transforme les bibliothèques publiques en espaces numériques offrant un accès gratuit à Internet
G publie les données publiques dans des formats ouverts et réutilisables par tous
G équipe des centres communautaires d'ordinateurs et de médiateurs formés pour aider la population à s'informer
@C4
T Ateliers intensifs de compétences numériques | Réseau de formateurs au numérique
T Clubs de programmation pour les jeunes | Campagne d'alphabétisation numérique
G propose des formations gratuites aux compétences numériques de base et avancées
G forme des formateurs locaux qui animent ensuite des ateliers d'initiation au numérique
G organise des clubs de programmation et de robotique après l'école
@C5
T Campagne de sensibilisation à la cybersécurité | Équipe nationale de réponse aux incidents informatiques
T Protection des enfants en ligne | Hygiène numérique pour les petites entreprises
G sensibilise le public à la fraude en ligne, à l'hameçonnage et aux bonnes pratiques en matière de mots de passe
G met en place une équipe nationale chargée de détecter et de traiter les incidents de sécurité
G apprend aux enfants, aux parents et aux enseignants à se protéger sur Internet
@C6
T Réforme de la gestion du spectre | Mise en œuvre de la loi sur la protection des données
T Modernisation du fonds de service universel | Bac à sable réglementaire pour l'innovation numérique
G modernise la réglementation des télécommunications pour favoriser l'investissement et la concurrence
G accompagne la mise en œuvre de la nouvelle loi sur la protection des données personnelles
G révise les règles de licence afin de réduire le coût de l'accès à Internet
@C7-egov
T Guichet unique de services publics en ligne | Application mobile de services administratifs
T État civil numérique | Plateforme de marchés publics en ligne
G regroupe des centaines de démarches administratives sur un portail unique
G permet aux citoyens de demander des actes et de payer leurs frais depuis leur téléphone
G dématérialise l'état civil afin que naissances, mariages et décès soient enregistrés en ligne
@C7-ebus
T Plateforme de commerce en ligne pour les artisans | Paiement mobile pour les commerçants des marchés
T Entrepreneuriat féminin et numérique | Place de marché numérique pour les PME
G aide les artisans et les petits producteurs à vendre leurs produits en ligne
G permet aux commerçants d'accepter les paiements mobiles et de tenir une comptabilité numérique
G associe formation et microcrédit pour aider les femmes entrepreneures à ouvrir une boutique en ligne
@C7-elearn
T Classes numériques | Plateforme de ressources éducatives libres
T Formation des enseignants au numérique | Tablettes pour l'école primaire
G équipe les écoles en appareils, en connectivité et en contenus pédagogiques numériques
G met à disposition des ressources éducatives libres conformes aux programmes nationaux
G forme les enseignants à intégrer les outils numériques dans leurs cours
@C7-ehealth
T Télémédecine pour les centres de santé ruraux | Alertes SMS de santé maternelle
T Application pour les agents de santé communautaires | Télé-expertise pour les hôpitaux de district
G relie les centres de santé ruraux à des médecins spécialistes par téléconsultation
G envoie aux futures mères des rappels par SMS pour les consultations prénatales et les vaccinations
G dote les agents de santé communautaires d'une application mobile de suivi des patients
@C7-eemploy
T Plateforme de mise en relation pour l'emploi | Compétences numériques pour le travail indépendant
T Télétravail inclusif pour les personnes handicapées | Emploi des jeunes par les TIC
G met en relation les demandeurs d'emploi et les employeurs grâce à une plateforme en ligne
G forme les jeunes à trouver des missions sur les plateformes de travail en ligne
G crée des possibilités de télétravail pour les personnes handicapées grâce à des outils accessibles
@C7-eenv
T Système d'alerte précoce aux inondations | Collecte et recyclage des déchets électroniques
T Suivi satellitaire du couvert forestier | Alertes météo pour les communautés côtières
G utilise des capteurs et des alertes SMS pour prévenir les populations des inondations
G organise la collecte et le recyclage sécurisé des déchets électroniques
G s'appuie sur l'imagerie satellitaire pour suivre la déforestation
@C7-eagri
T Conseils agricoles par SMS | Service d'information sur les prix des marchés
T Plateforme numérique pour les coopératives agricoles | Météo agricole sur mobile
G envoie aux agriculteurs des conseils par SMS sur les semis, les ravageurs et la météo
G publie chaque jour les prix des marchés pour aider les producteurs à mieux négocier
G aide les coopératives à gérer leurs membres, leurs intrants et leurs ventes en ligne
@C7-esci
T Réseau national de recherche et d'éducation | Application de science participative sur la biodiversité
T Entrepôt de données scientifiques ouvertes | Calcul haute performance pour les chercheurs
G relie universités et centres de recherche par un réseau à très haut débit
G invite des bénévoles à signaler des observations de faune et de flore via une application mobile
G héberge des données de recherche ouvertes que les scientifiques peuvent partager et réutiliser
@C8
T Numérisation du patrimoine culturel | Contenus numériques en langues locales
T Archives numériques de la tradition orale | Visites virtuelles de musées
G numérise les manuscrits, photographies et enregistrements conservés par les archives nationales
G soutient la création de contenus en ligne dans les langues locales et autochtones
G recueille la parole des anciens et la publie dans une archive en ligne
@C9
T Passage au numérique des radios communautaires | Éducation aux médias et vérification des faits
T Information accessible aux personnes sourdes | Formation des rédactions numériques
G aide les radios communautaires à passer à la production numérique et à la diffusion en ligne
G forme journalistes et étudiants à vérifier l'information et à lutter contre la désinformation
G ajoute la langue des signes et le sous-titrage aux journaux télévisés
@C10
T Lignes directrices pour une IA éthique | Sensibilisation aux droits numériques
T Usage responsable des données dans le secteur public | Charte éthique pour les algorithmes publics
G élabore des lignes directrices pratiques pour un usage éthique de l'intelligence artificielle
G sensibilise le public à la vie privée et à la liberté d'expression en ligne
G aide les administrations à utiliser les données personnelles de manière responsable et transparente
@C11
T Jumelage d'agences nationales du numérique | Harmonisation régionale des politiques numériques
T Infrastructures numériques transfrontalières | Échanges Sud-Sud sur les TIC
T Réseau régional de coopération numérique
G facilite les échanges d'expériences entre les agences des TIC de pays voisins
G soutient l'harmonisation régionale des politiques et des réglementations numériques
G coordonne les investissements conjoints dans les infrastructures numériques transfrontalières
#brandNames
Pont numérique | Horizons connectés | Villages connectés | Savoirs partagés | Cap numérique | Graines de savoir
Réseau solidaire | Avenir digital | Passerelle | Boussole | Étincelle | Trait d'union | Clic solidaire | Écho
Envol | Horizon 2030 | Sankofa | Teranga numérique | Baobab | Ensemble en ligne
#brandKinds
Programme | Initiative | Projet | Plateforme | Réseau
#brand
{kind} « {name} »
#titles
{core} – {where} | {brand} : {core} | {brand} : {core} – {where} | {core} ({brand})
#subjects
Le projet {g}. | Cette initiative {g}. | Le programme {g}.
#also
Par ailleurs, le projet {g}. | En outre, le projet {g}.
#areas
plusieurs communes | trois districts ruraux | la capitale | deux provinces du nord | des quartiers périurbains
des localités côtières | des villages de montagne | des villes secondaires
#local
Les activités se concentrent dans {area} du pays ({country}). | Le projet intervient dans {area} du pays ({country}).
#national
Le projet est déployé à l'échelle nationale ({country}). | Le projet couvre l'ensemble du territoire national ({country}).
#regional
Le projet est mené dans plusieurs pays de la région {region} : {countries}. | Pays participants ({region}) : {countries}.
#international
Pays participants : {countries}. | Des activités pilotes sont menées dans les pays suivants : {countries}.
#global
Le projet est ouvert aux participants du monde entier. | Ses ressources sont utilisées dans de nombreux pays.
#regions
Afrique | Amériques | États arabes | Asie-Pacifique | CEI | Europe
#regionsTitle
Afrique | Amériques | États arabes | Asie-Pacifique | CEI | Europe
#groups
youth = jeunes | children = enfants | women_girls = femmes et filles | older_persons = personnes âgées
persons_with_disabilities = personnes handicapées | indigenous_peoples = peuples autochtones
rural_remote = communautés rurales et isolées | low_income = ménages à faible revenu | refugees_migrants = réfugiés et migrants
msme = TPE et PME | teachers_students = enseignants et élèves | public_officials = agents publics
#groupLines
Publics cibles : {groups}. | Le projet s'adresse en priorité aux publics suivants : {groups}. | Bénéficiaires principaux : {groups}.
#noGroup
Le projet est ouvert à l'ensemble de la population. | Ses services sont accessibles gratuitement à tous.
#planned
La première phase devrait bénéficier à environ {n} personnes. | Le projet vise à toucher quelque {n} personnes.
#ongoing
Depuis {year}, plus de {n} personnes en ont bénéficié. | Environ {n} personnes utilisent actuellement ses services.
#completed
Au total, le projet a touché environ {n} personnes. | Plus de {n} personnes en ont bénéficié pendant sa mise en œuvre.
#partners
Le projet est mené en partenariat avec {partners}. | Parmi ses partenaires figurent {partners}.
#partnerPool
les collectivités locales | des opérateurs de téléphonie mobile | des universités | des radios communautaires
des agences des Nations Unies | des associations de femmes | des entreprises privées | des bibliothèques publiques
des organisations de jeunesse | des écoles normales
`,
};

export const ES_PACK: LanguagePackSource = {
  list: [", ", " y "],
  groupList: [", ", " y "],
  sentenceSep: " ",
  thousands: ".",
  text: `
@C1
T Estrategia nacional de transformación digital | Agenda digital para gobiernos locales
T Formación de responsables políticos en agenda digital | Diálogo multisectorial sobre políticas TIC
G reúne a ministerios, empresas y sociedad civil para definir la agenda digital nacional
G acompaña a los gobiernos locales en la elaboración y el seguimiento de sus planes digitales
G capacita a responsables políticos para alinear las estrategias TIC con los Objetivos de Desarrollo Sostenible
@C2
T Conectividad de última milla para comunidades rurales | Redes Wi-Fi comunitarias
T Estaciones base móviles con energía solar | Ampliación de la red troncal de fibra óptica
G lleva banda ancha asequible a localidades que nunca habían estado conectadas
G despliega redes comunitarias que conectan escuelas, centros de salud y mercados
G instala estaciones base alimentadas con energía solar en zonas sin red eléctrica
@C3
T Red de bibliotecas públicas digitales | Portal de datos abiertos para la ciudadanía
T Centros comunitarios de información | Acceso abierto a publicaciones científicas
G convierte las bibliotecas públicas en espacios digitales con acceso gratuito a Internet
G publica datos gubernamentales en formatos abiertos y reutilizables
G ofrece en centros comunitarios computadoras y personal capacitado para orientar a la población
@C4
T Campamentos de habilidades digitales | Red de formadores en alfabetización digital
T Clubes de programación para jóvenes | Campaña de alfabetización digital
G ofrece cursos gratuitos de competencias digitales básicas y avanzadas
G forma a instructores locales que luego dictan talleres de alfabetización digital en sus comunidades
G organiza clubes extraescolares de programación y robótica
@C5
T Campaña de concienciación sobre ciberseguridad | Equipo nacional de respuesta a incidentes
T Protección de la infancia en línea | Ciberhigiene para pequeñas empresas
G sensibiliza a la población sobre fraudes en línea, phishing y el uso seguro de contraseñas
G crea un equipo nacional para detectar, analizar y responder a incidentes cibernéticos
G enseña a niños, familias y docentes a protegerse en Internet
@C6
T Reforma de la gestión del espectro | Implementación de la ley de protección de datos
T Modernización del fondo de servicio universal
T Entorno de pruebas regulatorio para la innovación digital
G moderniza la regulación de las telecomunicaciones para atraer inversión y fomentar la competencia
G apoya la aplicación de la nueva ley de protección de datos personales
G revisa las reglas de licencias para abaratar el acceso a Internet
@C7-egov
T Ventanilla única de trámites en línea | Aplicación móvil de servicios públicos
T Registro civil digital | Plataforma de compras públicas electrónicas
G reúne cientos de trámites públicos en un solo portal en línea
G permite a la ciudadanía solicitar certificados y pagar tasas desde el teléfono móvil
G digitaliza el registro civil para que nacimientos, matrimonios y defunciones se inscriban en línea
@C7-ebus
T Comercio electrónico para artesanos | Pagos móviles para comerciantes de mercados
T Mujeres emprendedoras en la economía digital | Mercado digital para pymes
G ayuda a artesanos y pequeños productores a vender sus productos en línea
G permite a los comerciantes aceptar pagos móviles y llevar registros digitales de ventas
G combina capacitación y microcréditos para que las emprendedoras abran tiendas en línea
@C7-elearn
T Aulas digitales | Plataforma de recursos educativos abiertos
T Formación docente en competencias digitales | Tabletas para la educación primaria
G dota a las escuelas de dispositivos, conectividad y contenidos educativos digitales
G ofrece recursos educativos abiertos alineados con el currículo nacional
G capacita a los docentes para integrar herramientas digitales en sus clases
@C7-ehealth
T Telemedicina para centros de salud rurales | Alertas móviles de salud materna
T Aplicación para agentes comunitarios de salud
T Teleconsulta especializada para hospitales de distrito
G conecta centros de salud rurales con médicos especialistas mediante teleconsultas
G envía a las embarazadas recordatorios por SMS sobre controles prenatales y vacunas
G proporciona a los agentes comunitarios de salud una aplicación para el seguimiento de pacientes
@C7-eemploy
T Bolsa de empleo en línea | Habilidades digitales para el trabajo independiente
T Teletrabajo inclusivo para personas con discapacidad | Empleo juvenil a través de las TIC
G pone en contacto a personas que buscan empleo con empleadores a través de una plataforma en línea
G capacita a jóvenes para conseguir trabajos en plataformas digitales
G crea oportunidades de teletrabajo para personas con discapacidad mediante herramientas accesibles
@C7-eenv
T Sistema de alerta temprana de inundaciones | Recolección y reciclaje de residuos electrónicos
T Monitoreo satelital de la cobertura forestal | Alertas climáticas para comunidades costeras
G utiliza sensores y alertas por SMS para avisar a las comunidades sobre inundaciones
G organiza la recolección y el reciclaje seguro de residuos electrónicos
G usa imágenes satelitales para vigilar la deforestación
@C7-eagri
T Asesoría agrícola por SMS | Servicio de precios de mercado
T Plataforma digital para cooperativas agrícolas | Información meteorológica para agricultores
G envía a los agricultores consejos por SMS sobre siembra, plagas y clima
G publica a diario los precios de mercado para que los productores negocien mejor
G ayuda a las cooperativas a gestionar socios, insumos y ventas en línea
@C7-esci
T Red nacional de investigación y educación | Aplicación de ciencia ciudadana sobre biodiversidad
T Repositorio de datos científicos abiertos | Supercómputo para investigadores
G conecta universidades y centros de investigación mediante una red de alta velocidad
G invita a voluntarios a registrar observaciones de flora y fauna con una aplicación móvil
G aloja datos de investigación abiertos para que la comunidad científica los comparta y reutilice
@C8
T Digitalización del patrimonio cultural | Contenidos digitales en lenguas indígenas
T Archivo digital de historia oral | Recorridos virtuales por museos
G digitaliza manuscritos, fotografías y grabaciones de los archivos nacionales
G apoya la creación de contenidos en línea en lenguas locales e indígenas
G recoge testimonios de personas mayores y los publica en un archivo en línea
@C9
T Digitalización de radios comunitarias | Alfabetización mediática y verificación de datos
T Noticias accesibles para personas sordas | Formación para redacciones digitales
G ayuda a las radios comunitarias a pasar a la producción digital y la transmisión en línea
G capacita a periodistas y estudiantes para verificar información y combatir la desinformación
G incorpora lengua de señas y subtítulos en los noticieros de televisión
@C10
T Directrices para una inteligencia artificial ética | Concienciación sobre derechos digitales
T Uso responsable de datos en el sector público | Código ético para algoritmos públicos
G elabora directrices prácticas para el uso ético de la inteligencia artificial
G sensibiliza sobre la privacidad y la libertad de expresión en Internet
G ayuda a las instituciones públicas a usar los datos personales de forma responsable y transparente
@C11
T Hermanamiento de agencias de TIC | Armonización regional de políticas digitales
T Infraestructura digital transfronteriza | Intercambio Sur-Sur de experiencias en TIC
T Red regional de cooperación digital
G facilita el intercambio de experiencias entre agencias de TIC de países vecinos
G apoya la armonización regional de políticas y normas digitales
G coordina inversiones conjuntas en infraestructura digital transfronteriza
#brandNames
Puente Digital | Horizontes Conectados | Pueblos Conectados | Saberes Compartidos | Semillas Digitales | Raíces
Brújula | Chispa | Sendero Digital | Tejiendo Redes | Voces Locales | Minga Digital | Colibrí | Ceiba
Futuro Abierto | Nodo Común | Faro | Ruta 2030 | Conecta Comunidad | Manos a la Red
#brandKinds
Programa | Iniciativa | Proyecto | Plataforma | Red
#brand
{kind} {name}
#titles
{core} en {where} | {brand}: {core} | {brand}: {core} en {where} | {core} ({brand})
#subjects
El proyecto {g}. | Esta iniciativa {g}. | El programa {g}.
#also
Además, {g}. | Asimismo, {g}.
#areas
varios municipios | tres distritos rurales | la capital | dos provincias del norte | barrios periurbanos
comunidades costeras | aldeas de montaña | ciudades intermedias
#local
Las actividades se concentran en {area} de {country}. | El proyecto trabaja en {area} de {country}.
#national
Se implementa a nivel nacional en {country}. | El proyecto tiene cobertura nacional en {country}.
#regional
Se desarrolla en varios países de la región de {region}: {countries}. | Participan {countries}, en la región de {region}.
#international
Participan socios de {countries}. | Las actividades piloto se realizan en {countries}.
#global
Está abierto a participantes de todo el mundo. | Sus recursos se utilizan en numerosos países.
#regions
África | las Américas | los Estados Árabes | Asia-Pacífico | la CEI | Europa
#regionsTitle
África | las Américas | la región árabe | Asia y el Pacífico | la CEI | Europa
#groups
youth = jóvenes | children = niñas y niños | women_girls = mujeres y niñas | older_persons = personas mayores
persons_with_disabilities = personas con discapacidad | indigenous_peoples = pueblos indígenas
rural_remote = comunidades rurales y remotas | low_income = hogares de bajos ingresos | refugees_migrants = personas refugiadas y migrantes
msme = mipymes | teachers_students = docentes y estudiantes | public_officials = funcionarios públicos
#groupLines
El proyecto está dirigido principalmente a {groups}. | Sus principales beneficiarios son {groups}. | Presta especial atención a {groups}.
#noGroup
Está abierto a toda la población. | Sus servicios son gratuitos y accesibles para todas las personas.
#planned
La primera fase prevé beneficiar a unas {n} personas. | El proyecto aspira a llegar a unas {n} personas.
#ongoing
Desde {year}, más de {n} personas se han beneficiado. | Actualmente, unas {n} personas utilizan sus servicios.
#completed
En total, el proyecto llegó a unas {n} personas. | Más de {n} personas se beneficiaron durante su ejecución.
#partners
Se ejecuta en alianza con {partners}. | Entre sus socios figuran {partners}.
#partnerPool
gobiernos locales | operadores de telefonía móvil | universidades | radios comunitarias | agencias de las Naciones Unidas
asociaciones de mujeres | empresas privadas | bibliotecas públicas | organizaciones juveniles | escuelas normales
`,
};
