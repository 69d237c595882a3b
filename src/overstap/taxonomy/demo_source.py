# ruff: noqa: E501 - the data tables below are easier to read one concept per line
"""Source of the Overstap demo taxonomy, and the script that writes its CSV files.

The demo taxonomy is written for the demo region (catering and hospitality, cleaning,
security, logistics and web shops, technical work and installation, care, retail,
administration, ICT). It is not copied from ESCO: labels, alternative labels and relations are
our own. Where an ESCO concept obviously means the same, its URI is stored in the ``sameAs``
column so that :func:`~overstap.taxonomy.services.relink.relink_demo_concepts` can move
references to it after a real ESCO import.

The CSV files in ``data/demo/`` follow the ESCO v1.2 layout and are loaded by
``overstap load_demo_taxonomy`` through the normal importer. Edit the tables below, then run::

    python -m overstap.taxonomy.demo_source --esco ../shared/data/esco

(``--esco`` only looks up URIs for ``sameAs`` by exact English label; without it the existing
``sameAs`` values in the CSV files are kept.)

Skill lines: ``key | Dutch label | English label | type | reuse`` where type is ``s``
(skill/competence) or ``k`` (knowledge) and reuse is ``t`` (transversal), ``c``
(cross-sector), ``s`` (sector-specific) or ``o`` (occupation-specific).

Occupation lines: ``key | Dutch label | Dutch alt labels (;) | English label | English alt
labels (;) | ISCO code | essential skill keys | optional skill keys``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SKILLS = """
# --- transversal ---
communicate-clearly | duidelijk communiceren | communicate clearly | s | t
teamwork | samenwerken in een team | work in a team | s | t
customer-service | klantvriendelijk werken | provide customer service | s | t
work-under-pressure | werken onder tijdsdruk | work under pressure | s | t
plan-own-work | eigen werk plannen | plan own work | s | t
follow-instructions | werkinstructies opvolgen | follow work instructions | s | t
punctuality | stipt en betrouwbaar zijn | be punctual and reliable | s | t
flexibility | flexibel inzetbaar zijn | adapt to change | s | t
problem-solving | problemen oplossen | solve problems | s | t
dutch-speaking | Nederlands spreken | speak Dutch | s | t
english-speaking | Engels spreken | speak English | s | t
read-write-dutch | Nederlands lezen en schrijven | read and write Dutch | s | t
basic-arithmetic | rekenen | apply basic arithmetic | s | t
basic-computer | basisvaardigheden computer | use a computer | s | t
use-smartphone-apps | werken met apps op smartphone of tablet | use apps on a smartphone or tablet | s | t
email | e-mailen | use e-mail | s | t
safety-awareness | veilig werken | work safely | s | t
physical-stamina | fysiek zwaar werk doen | perform physically demanding work | s | t
ergonomics | ergonomisch werken | work ergonomically | s | t
hospitality-attitude | gastvrij zijn | show hospitality | s | t
handle-complaints | klachten afhandelen | handle complaints | s | c
conflict-handling | omgaan met conflicten | manage conflicts | s | t
de-escalation | de-escaleren | de-escalate tense situations | s | c
cultural-awareness | omgaan met diversiteit | work with people from diverse backgrounds | s | t
independence | zelfstandig werken | work independently | s | t
accuracy | nauwkeurig werken | work accurately | s | t
responsibility | verantwoordelijkheid nemen | take responsibility | s | t
initiative | initiatief nemen | take initiative | s | t
stress-resistance | stressbestendig zijn | cope with stress | s | t
shift-work | in ploegendienst werken | work in shifts | s | c
lead-team | een team aansturen | lead a team | s | c
coach-colleagues | collega's inwerken en begeleiden | train and coach colleagues | s | c
time-management | timemanagement | manage time | s | t
give-feedback | feedback geven en ontvangen | give and receive feedback | s | t
learning-attitude | leergierig zijn | be willing to learn | s | t
integrity | integer handelen | act with integrity | s | t
privacy | vertrouwelijk omgaan met gegevens | handle information confidentially | s | c
report-incidents | incidenten melden | report incidents | s | c
first-aid | eerste hulp verlenen | provide first aid | s | c
bhv | bedrijfshulpverlening (BHV) | in-house emergency response | s | c
fire-safety | brandveiligheid | fire safety | k | c
sales-skills | verkopen | sell products | s | c
cash-handling | geld afrekenen | handle cash payments | s | c
telephone | telefoneren met klanten | handle telephone calls | s | c
empathy | empathisch zijn | show empathy | s | t
driving-licence-b | autorijden (rijbewijs B) | drive a car (licence B) | s | c
listen-actively | actief luisteren | listen actively | s | t
# --- catering and hospitality ---
food-hygiene | hygiënisch werken met voedsel (HACCP) | apply food hygiene (HACCP) | s | s
food-safety-rules | voedselveiligheidsregels | food safety regulations | k | s
prepare-ingredients | ingrediënten voorbereiden (mise-en-place) | prepare ingredients (mise en place) | s | s
cooking-techniques | kooktechnieken toepassen | apply cooking techniques | s | s
prepare-hot-dishes | warme gerechten bereiden | prepare hot dishes | s | o
prepare-cold-dishes | koude gerechten bereiden | prepare cold dishes | s | o
prepare-sauces | sauzen en fonds maken | prepare sauces and stocks | s | o
bake-pastry | patisserie en nagerechten maken | prepare pastry and desserts | s | o
grill | grillen en frituren | grill and fry food | s | o
plate-dishes | gerechten opmaken | plate and present dishes | s | o
follow-recipes | werken volgens recept | follow recipes | s | s
develop-menus | menu's samenstellen | compose menus | s | o
cost-calculation-dishes | kostprijs van gerechten berekenen | calculate the cost price of dishes | s | s
allergens | kennis van allergenen | knowledge of food allergens | k | s
dietary-requirements | rekening houden met diëten | prepare food for special diets | s | s
kitchen-equipment | keukenapparatuur bedienen | operate kitchen equipment | s | s
knife-skills | snijtechnieken | use knife techniques | s | s
store-food | voedsel opslaan en koelen | store and chill food | s | s
stock-rotation | voorraad roteren (FIFO) | rotate stock (FIFO) | s | c
order-supplies | bestellingen plaatsen bij leveranciers | order supplies | s | c
receive-goods | leveringen ontvangen en controleren | receive and check deliveries | s | c
kitchen-cleaning | keuken schoonmaken | clean the kitchen | s | s
dishwashing | afwassen met de vaatwasmachine | operate a dishwasher | s | o
pot-washing | pannen en keukengerei reinigen | clean pots and kitchen utensils | s | o
waste-separation | afval scheiden | separate waste | s | c
regenerate-meals | maaltijden regenereren | regenerate prepared meals | s | s
large-scale-cooking | koken in een grootkeuken | cook in large quantities | s | s
portioning | porties afmeten | portion food | s | s
buffet | buffet opbouwen en bijvullen | set up and replenish a buffet | s | s
catering-events | evenementen cateren | cater events | s | s
transport-food | voedsel vervoeren met temperatuurbewaking | transport food at controlled temperatures | s | s
set-tables | tafels dekken | set tables | s | o
take-orders | bestellingen opnemen | take orders from guests | s | s
serve-food | gerechten serveren | serve food | s | s
serve-drinks | dranken serveren | serve drinks | s | s
bar-work | tappen en drankjes bereiden | prepare drinks at the bar | s | o
coffee | koffie zetten met een espressomachine | prepare coffee with an espresso machine | s | s
wine-knowledge | wijnkennis | knowledge of wine | k | s
menu-advice | gasten adviseren over het menu | advise guests on the menu | s | s
pos-system | kassasysteem bedienen | operate a point-of-sale system | s | c
welcome-guests | gasten ontvangen | welcome guests | s | c
seat-guests | gasten placeren | seat guests | s | o
reservations | reserveringen beheren | manage reservations | s | s
clear-tables | tafels afruimen | clear tables | s | o
check-in-out | gasten in- en uitchecken | check guests in and out | s | o
hotel-reservation-system | hotelreserveringssysteem gebruiken | use a hotel reservation system | s | o
tourist-information | toeristische informatie geven | provide tourist information | s | s
room-cleaning | hotelkamers schoonmaken | clean hotel rooms | s | o
make-beds | bedden opmaken | make beds | s | s
laundry | wasgoed verwerken | handle laundry | s | s
minibar | minibar controleren en aanvullen | check and restock minibars | s | o
staff-planning-catering | personeelsrooster maken | draw up staff rosters | s | c
manage-location | een cateringlocatie leiden | manage a catering location | s | o
client-contact-catering | contact met de opdrachtgever onderhouden | maintain client relationships | s | c
budget-control | budget bewaken | monitor a budget | s | c
quality-control-food | kwaliteit van voedsel controleren | check food quality | s | s
supervise-kitchen | keukenbrigade aansturen | supervise kitchen staff | s | o
haccp-plan | HACCP-plan opstellen en bewaken | draw up and monitor a HACCP plan | s | s
sandwich | broodjes en lunches bereiden | prepare sandwiches and lunches | s | s
vending | automaten vullen en onderhouden | fill and maintain vending machines | s | o
event-setup | zalen inrichten voor evenementen | set up rooms for events | s | s
# --- cleaning ---
cleaning-methods | schoonmaakmethoden toepassen | apply cleaning methods | s | s
cleaning-agents | schoonmaakmiddelen veilig gebruiken | use cleaning agents safely | s | s
dosing-chemicals | schoonmaakmiddelen doseren | dose cleaning chemicals | s | s
floor-cleaning | vloeren reinigen | clean floors | s | s
floor-machine | schrobzuigmachine bedienen | operate a floor scrubber | s | o
window-cleaning | glazenwassen | clean windows | s | o
work-at-height | werken op hoogte | work at height | s | c
sanitary-cleaning | sanitair reinigen | clean sanitary facilities | s | s
office-cleaning | kantoren schoonmaken | clean offices | s | o
disinfection | desinfecteren | disinfect surfaces | s | s
hospital-cleaning | schoonmaken in zorginstellingen | clean in healthcare settings | s | o
carpet-cleaning | tapijt reinigen | clean carpets | s | o
facade-cleaning | gevels reinigen | clean facades | s | o
high-pressure | hogedrukreiniger gebruiken | use a high-pressure cleaner | s | s
industrial-cleaning | industriële reiniging | industrial cleaning | s | o
cleaning-schedule | schoonmaakrooster volgen | follow a cleaning schedule | s | s
quality-check-cleaning | schoonmaakkwaliteit controleren | inspect cleaning quality | s | o
waste-disposal | afval afvoeren | dispose of waste | s | c
cleaning-cart | schoonmaakkar inrichten | prepare a cleaning trolley | s | o
cleaning-equipment-maintenance | schoonmaakmaterieel onderhouden | maintain cleaning equipment | s | s
hazardous-substances | werken met gevaarlijke stoffen | handle hazardous substances | s | c
pest-awareness | ongedierte signaleren | detect signs of pests | s | s
vehicle-cleaning | voertuigen reinigen | clean vehicles | s | o
supervise-cleaning | schoonmaakploeg aansturen | supervise a cleaning team | s | o
cleaning-specs | bestek en werkprogramma lezen | read cleaning specifications | s | o
# --- security ---
surveillance | surveilleren | patrol premises | s | s
access-control | toegangscontrole uitvoeren | control access to premises | s | s
camera-monitoring | camerabeelden uitkijken | monitor CCTV images | s | s
alarm-follow-up | alarmopvolging | respond to alarms | s | o
incident-report | rapportage schrijven over incidenten | write incident reports | s | c
observe | observeren en signaleren | observe and detect suspicious behaviour | s | s
security-regulations | wet- en regelgeving particuliere beveiliging | private security regulations | k | o
use-force-rules | geweldsinstructie toepassen | apply rules on the use of force | k | o
crowd-control | publieksstromen begeleiden | manage crowds | s | s
event-security | evenementenbeveiliging | event security | s | o
store-security | winkelbeveiliging | retail security | s | o
shoplifting | winkeldiefstal aanpakken | deal with shoplifting | s | s
searching | fouilleren en tassencontrole | search persons and bags | s | o
radio | portofoon gebruiken | use a two-way radio | s | c
evacuation | ontruiming begeleiden | guide an evacuation | s | c
emergency-services-contact | hulpdiensten alarmeren | alert emergency services | s | c
reception-security | baliewerk in de beveiliging | carry out security desk duties | s | o
key-management | sleutelbeheer | manage keys | s | s
locking-rounds | sluitrondes lopen | perform locking rounds | s | o
identify-persons | identiteitsbewijzen controleren | check identity documents | s | c
mobile-security | mobiele surveillance | mobile patrol | s | o
control-room | meldkamer bemannen | operate a control room | s | o
hostmanship | hostmanship | hostmanship | s | c
traffic-control | verkeer regelen | direct traffic | s | o
# --- logistics and web shops ---
order-picking | orders verzamelen (orderpicken) | pick orders | s | s
scanner | handscanner gebruiken | use a handheld scanner | s | c
wms | magazijnbeheersysteem gebruiken (WMS) | use a warehouse management system | s | s
packing | producten inpakken | pack products | s | c
labelling | zendingen labelen | label shipments | s | s
returns | retouren verwerken | process returns | s | s
inbound | goederen ontvangen en inslaan | receive and store goods | s | s
outbound | goederen uitleveren en laden | dispatch and load goods | s | s
stock-count | voorraad tellen | count stock | s | c
stock-management | voorraadbeheer | manage inventory | s | c
forklift | heftruck besturen | operate a forklift | s | s
reach-truck | reachtruck besturen | operate a reach truck | s | o
pallet-truck | elektrische pompwagen gebruiken | operate an electric pallet truck | s | s
forklift-certificate | heftruckcertificaat | forklift certificate | k | s
load-securing | lading zekeren | secure loads | s | s
loading-unloading | laden en lossen | load and unload goods | s | c
pallet-stacking | pallets stapelen | stack pallets | s | s
dangerous-goods | gevaarlijke stoffen opslaan en vervoeren (ADR) | store and transport dangerous goods (ADR) | k | s
cold-chain | koelketen bewaken | maintain the cold chain | s | s
warehouse-safety | veilig werken in het magazijn | work safely in a warehouse | s | s
transport-documents | vrachtdocumenten invullen | complete transport documents | s | s
route-planning | routes plannen | plan routes | s | s
drive-van | bestelbus rijden | drive a van | s | s
driving-licence-c | vrachtwagen rijden (rijbewijs C) | drive a truck (licence C) | s | o
tachograph | rij- en rusttijden | driving and rest time rules | k | o
parcel-delivery | pakketten bezorgen | deliver parcels | s | o
customer-contact-delivery | klantcontact aan de deur | deal with customers at the door | s | s
logistics-planning | logistieke planning maken | plan logistics | s | s
shipping-carriers | vervoerders inplannen | book carriers | s | o
customs | douaneformaliteiten | customs formalities | k | s
webshop-management | webshop beheren | manage a web shop | s | s
product-content | productinformatie invoeren | enter product information | s | s
product-photography | productfoto's maken | photograph products | s | s
customer-service-online | klantenservice via chat en e-mail | provide customer service by chat and e-mail | s | c
order-processing | bestellingen verwerken | process orders | s | c
quality-inspection-goods | goederen controleren op kwaliteit | inspect goods for quality | s | c
kpi-logistics | logistieke prestaties meten | measure logistics performance | s | s
lean | lean werken | apply lean methods | s | c
supervise-warehouse | magazijnteam aansturen | supervise warehouse staff | s | o
crane-operation | kraan bedienen | operate a crane | s | s
# --- technical work and installation ---
read-technical-drawings | technische tekeningen lezen | read technical drawings | s | c
hand-tools | handgereedschap gebruiken | use hand tools | s | c
power-tools | elektrisch gereedschap gebruiken | use power tools | s | c
measuring-tools | meetinstrumenten gebruiken | use measuring instruments | s | c
electrical-installation | elektrische installaties aanleggen | install electrical systems | s | s
nen1010 | NEN 1010-voorschriften | electrical installation standards (NEN 1010) | k | o
nen3140 | veilig werken aan elektrische installaties (NEN 3140) | electrical safety at work (NEN 3140) | k | s
wiring | bekabeling trekken en aansluiten | run and connect cables | s | s
fault-finding | storingen zoeken | troubleshoot faults | s | c
plumbing | leidingen leggen | install pipes | s | s
soldering | solderen | solder | s | s
welding | lassen | weld metal | s | s
heating-systems | cv-installaties installeren | install central heating systems | s | o
heat-pumps | warmtepompen installeren | install heat pumps | s | o
solar-panels | zonnepanelen monteren | install solar panels | s | o
ventilation | ventilatiesystemen installeren | install ventilation systems | s | s
air-conditioning | airconditioning onderhouden | maintain air conditioning | s | s
f-gas | F-gassencertificaat | F-gas certification | k | s
gas-installation | gasinstallaties aanleggen | install gas systems | s | o
sanitary-installation | sanitair installeren | install sanitary fittings | s | o
preventive-maintenance | preventief onderhoud uitvoeren | carry out preventive maintenance | s | c
repair-machines | machines repareren | repair machines | s | s
mechanical-assembly | mechanisch monteren | carry out mechanical assembly | s | s
hydraulics | hydrauliek en pneumatiek | hydraulics and pneumatics | k | s
plc | PLC-besturingen | PLC control systems | k | s
operate-production-line | productielijn bedienen | operate a production line | s | s
machine-setup | machines instellen | set up machines | s | s
cnc | CNC-machines bedienen | operate CNC machines | s | o
metalworking | metaal bewerken | work metal | s | s
carpentry | timmeren | carry out carpentry | s | s
install-doors-windows | deuren en kozijnen plaatsen | install doors and window frames | s | o
drywall | systeemwanden plaatsen | install drywall partitions | s | o
painting | schilderen | paint surfaces | s | s
tiling | tegelen | lay tiles | s | o
building-regulations | bouwvoorschriften | building regulations | k | s
vca | veilig werken volgens VCA | safety certificate for contractors (VCA) | k | c
scaffolding | steigers opbouwen | erect scaffolding | s | s
building-maintenance | gebouwonderhoud | maintain buildings | s | s
facility-rounds | technische rondes lopen | carry out technical inspection rounds | s | s
energy-saving | adviseren over energiebesparing | advise on energy saving | s | s
service-reports | werkbonnen invullen | complete job sheets | s | c
customer-visit-technical | klanten thuis bezoeken als monteur | visit customers at home as a technician | s | s
domotica | domotica installeren | install home automation | s | o
data-cabling | datanetwerken bekabelen | install data cabling | s | s
elevator | liftonderhoud | maintain lifts | s | o
bicycle-repair | fietsen repareren | repair bicycles | s | o
car-maintenance | auto-onderhoud | service cars | s | o
diagnose-vehicles | voertuigdiagnose uitvoeren | diagnose vehicle faults | s | o
tyres | banden wisselen | change tyres | s | o
work-planning-technical | technische werkzaamheden plannen | plan technical work | s | s
material-calculation | materiaalstaat opstellen | calculate materials | s | s
# --- production and food industry ---
food-production | levensmiddelen produceren | produce food products | s | s
packaging-machine | verpakkingsmachine bedienen | operate a packaging machine | s | s
line-quality-checks | kwaliteitscontroles aan de lijn | carry out quality checks on the line | s | s
hygiene-production | hygiënevoorschriften in de productie | hygiene rules in production | k | s
machine-cleaning | machines reinigen | clean machines | s | s
batch-records | productiegegevens registreren | record production data | s | s
assembly-line | werken aan de lopende band | work on an assembly line | s | s
sorting | producten sorteren | sort products | s | c
gmp | werken volgens GMP | apply good manufacturing practice | k | s
process-operator | procesinstallaties bewaken | monitor process installations | s | s
# --- green spaces ---
gardening | tuinonderhoud | maintain gardens | s | s
planting | planten en snoeien | plant and prune | s | s
lawn-mowing | maaien | mow grass | s | s
garden-machines | tuinmachines bedienen | operate garden machinery | s | s
paving | bestraten | lay paving | s | o
green-maintenance-public | openbaar groen onderhouden | maintain public green spaces | s | s
tree-care | bomen verzorgen | care for trees | s | o
plant-knowledge | plantenkennis | knowledge of plants | k | s
# --- care ---
personal-care | persoonlijke verzorging | provide personal care | s | s
assist-eating | helpen bij eten en drinken | assist with eating and drinking | s | s
assist-mobility | helpen bij verplaatsen (tillift) | assist with mobility and lifting aids | s | s
observe-health | gezondheid observeren en signaleren | observe and report changes in health | s | s
medication | medicatie toedienen | administer medication | s | s
nursing-procedures | verpleegtechnische handelingen | carry out nursing procedures | s | o
wound-care | wondverzorging | dress wounds | s | o
care-plan | zorgplan uitvoeren | carry out a care plan | s | s
care-plan-write | zorgplan opstellen | draw up a care plan | s | o
client-records | cliëntdossier bijhouden | keep client records | s | s
dementia | omgaan met dementie | care for people with dementia | s | s
disability-care | mensen met een beperking begeleiden | support people with disabilities | s | s
daytime-activities | dagbesteding begeleiden | organise daytime activities | s | s
household-support | huishoudelijke ondersteuning | provide household support | s | s
meals-care | maaltijden verzorgen in de zorg | serve meals in care settings | s | s
infection-prevention | infectiepreventie | prevent infections | k | s
client-communication | communiceren met cliënten en familie | communicate with clients and relatives | s | c
privacy-care | beroepsgeheim en privacy in de zorg | medical confidentiality | k | s
palliative | palliatieve zorg | provide palliative care | s | o
vital-signs | vitale functies meten | measure vital signs | s | s
home-care | thuiszorg verlenen | provide home care | s | s
child-care | kinderen verzorgen en begeleiden | care for children | s | s
child-development | ontwikkeling van kinderen stimuleren | support child development | s | s
pedagogy | pedagogisch handelen | apply pedagogical methods | s | s
youth-work | jongeren begeleiden | support young people | s | s
aggression-care | omgaan met onbegrepen gedrag | deal with challenging behaviour | s | s
reporting-care | rapporteren in de zorg | report in care settings | s | s
lifting-technique | tiltechnieken | use safe lifting techniques | s | c
big-register | BIG-registratie | BIG registration (Dutch register of health professionals) | k | o
cooperate-multidisciplinary | multidisciplinair samenwerken | work in a multidisciplinary team | s | c
healthcare-legislation | zorgwetgeving (Wlz, Wmo, Zvw) | healthcare legislation | k | s
patient-transport | patiënten vervoeren | transport patients | s | o
reception-care | receptie van een zorginstelling | work at a healthcare reception | s | o
sterilisation | instrumenten steriliseren | sterilise instruments | s | o
# --- retail ---
shelf-stocking | vakken vullen | stock shelves | s | s
product-presentation | producten presenteren | present products | s | s
price-labelling | prijzen en etiketten aanbrengen | label prices | s | s
checkout | kassawerk | work at the checkout | s | s
self-checkout-assist | zelfscankassa's begeleiden | assist customers at self-checkouts | s | o
advise-customers | klanten adviseren | advise customers | s | c
product-knowledge | productkennis | product knowledge | k | s
fresh-products | versafdeling verzorgen | handle fresh produce | s | s
bake-off | brood afbakken | bake off bread | s | o
butchery | vlees bewerken | cut and prepare meat | s | o
cheese-deli | kaas en vleeswaren snijden | slice cheese and cold cuts | s | o
store-opening | winkel openen en sluiten | open and close a shop | s | s
stock-ordering-retail | voorraad bestellen voor de winkel | order stock for a shop | s | s
theft-prevention | diefstal voorkomen | prevent theft | s | s
visual-merchandising | visual merchandising | visual merchandising | s | s
store-management | een winkel leiden | manage a shop | s | o
sales-targets | verkoopdoelen halen | meet sales targets | s | c
age-check | leeftijdscontrole bij verkoop | check age for restricted sales | s | s
online-orders-store | online bestellingen klaarzetten | prepare online orders in store | s | o
returns-store | retouren in de winkel afhandelen | handle returns in store | s | s
customer-loyalty | klantenbinding | build customer loyalty | s | c
# --- administration ---
office-software | kantoorsoftware gebruiken (Word, Excel) | use office software | s | c
spreadsheets | werken met spreadsheets | work with spreadsheets | s | c
data-entry | gegevens invoeren | enter data | s | c
filing | archiveren | keep files and archives | s | c
correspondence | zakelijke correspondentie schrijven | write business correspondence | s | c
agenda-management | agenda's beheren | manage diaries | s | c
minutes | notuleren | take minutes | s | c
reception-desk | receptie en telefoon bemannen | staff a reception desk | s | s
invoice-processing | facturen verwerken | process invoices | s | s
bookkeeping | boekhouden | keep accounts | s | s
accounting-software | boekhoudsoftware gebruiken | use accounting software | s | s
payroll | salarisadministratie | process payroll | s | o
vat | btw-aangifte voorbereiden | prepare VAT returns | s | o
accounts-receivable | debiteurenbeheer | manage accounts receivable | s | s
purchase-admin | inkoopadministratie | handle purchase administration | s | s
hr-admin | personeelsadministratie | handle personnel administration | s | s
gdpr | privacywetgeving (AVG) toepassen | apply the GDPR | k | c
customer-admin | klantgegevens beheren (CRM) | manage customer data (CRM) | s | c
planning-admin | planningen maken | draw up schedules | s | c
reporting | rapportages opstellen | write reports | s | c
office-management | kantoor organiseren | manage an office | s | s
order-admin | orderadministratie | handle order administration | s | s
call-centre | klantcontact via de telefoon (callcenter) | work in a contact centre | s | s
debt-collection | incasso | collect debts | s | o
document-management | documentbeheer | manage documents | s | c
procurement | inkopen | purchase goods and services | s | s
# --- ICT ---
it-support | gebruikers helpen bij ICT-problemen | provide IT support to users | s | s
install-software | software installeren | install software | s | c
hardware-repair | computers repareren | repair computer hardware | s | o
networks | netwerken beheren | administer networks | s | s
servers | servers beheren | administer servers | s | s
cloud | clouddiensten beheren | manage cloud services | s | s
cybersecurity | informatiebeveiliging toepassen | apply information security | k | c
programming | programmeren | write computer programs | s | s
python | programmeren in Python | program in Python | s | s
web-development | websites bouwen | develop websites | s | s
html-css | HTML en CSS | HTML and CSS | k | s
javascript | JavaScript | JavaScript | k | s
databases | databases beheren (SQL) | manage databases (SQL) | s | s
testing-software | software testen | test software | s | s
agile | werken volgens Scrum | work in Scrum teams | s | c
version-control | versiebeheer (Git) | use version control (Git) | s | s
data-analysis | data analyseren | analyse data | s | c
dashboards | dashboards maken | build dashboards | s | s
requirements | wensen van gebruikers uitvragen | gather user requirements | s | c
documentation-it | technische documentatie schrijven | write technical documentation | s | s
ticket-system | ticketsysteem gebruiken | use a ticketing system | s | s
m365 | Microsoft 365 beheren | administer Microsoft 365 | s | o
digital-skills-basic | digitale basisvaardigheden | basic digital skills | s | t
online-safety | veilig online werken | stay safe online | s | t
social-media | sociale media zakelijk inzetten | use social media for business | s | c
online-marketing | online marketing | online marketing | k | s
seo | zoekmachineoptimalisatie (SEO) | search engine optimisation (SEO) | s | o
ux | gebruiksvriendelijk ontwerpen | design for usability | s | s
accessibility-web | digitale toegankelijkheid | digital accessibility | k | s
project-management-it | ICT-projecten leiden | manage IT projects | s | s
# --- more ---
digital-forms | digitale formulieren invullen | fill in digital forms | s | t
presentation-skills | presenteren | give presentations | s | t
ai-tools | werken met AI-hulpmiddelen | use AI tools | s | t
breakfast | ontbijt verzorgen | prepare breakfast | s | s
room-service | roomservice verlenen | provide room service | s | o
pizza | pizza's bereiden | prepare pizzas | s | o
cocktails | cocktails maken | mix cocktails | s | o
banqueting | banqueting verzorgen | serve banquets | s | s
eco-cleaning | duurzaam schoonmaken met microvezel | clean sustainably with microfibre | s | s
fire-alarm-system | brandmeldinstallatie bedienen | operate a fire alarm panel | s | s
cross-docking | cross-docking | cross-docking | k | o
container-unloading | containers lossen | unload containers | s | o
e-fulfilment | e-fulfilment | e-commerce fulfilment | k | s
cargo-bike | bezorgen met een bakfiets | deliver by cargo bike | s | o
charging-points | laadpalen installeren | install electric vehicle charging points | s | o
insulation | isoleren | insulate buildings | s | o
roofing | dakwerk uitvoeren | carry out roofing work | s | o
mental-health-support | psychisch kwetsbare mensen ondersteunen | support people with mental health problems | s | s
elderly-activation | ouderen activeren | encourage older people to stay active | s | s
bakery-sales | brood en banket verkopen | sell bread and pastry | s | o
digital-archive | digitaal archiveren | archive documents digitally | s | c
linux | Linux beheren | administer Linux systems | s | s
"""

OCCUPATIONS = """
# --- catering and hospitality ---
kok | kok | kok horeca; keukenmedewerker warm; koks | cook | line cook; chef de partie | 5120 | food-hygiene prepare-ingredients cooking-techniques prepare-hot-dishes follow-recipes work-under-pressure teamwork plate-dishes allergens knife-skills plan-own-work | prepare-sauces prepare-cold-dishes kitchen-cleaning store-food bake-pastry grill kitchen-equipment
zelfstandig-werkend-kok | zelfstandig werkend kok | zelfstandig kok | independent cook | cook working independently | 5120 | food-hygiene cooking-techniques prepare-hot-dishes develop-menus order-supplies plan-own-work work-under-pressure independence allergens | cost-calculation-dishes coach-colleagues stock-rotation haccp-plan receive-goods prepare-sauces teamwork
souschef | souschef | sous-chef; tweede chef | sous chef | second chef | 3434 | supervise-kitchen food-hygiene haccp-plan cooking-techniques staff-planning-catering work-under-pressure lead-team order-supplies plan-own-work | develop-menus cost-calculation-dishes coach-colleagues quality-control-food budget-control teamwork
chef-kok | chef-kok | chef; keukenchef | head chef | executive chef | 3434 | supervise-kitchen develop-menus cost-calculation-dishes haccp-plan budget-control lead-team quality-control-food | staff-planning-catering order-supplies wine-knowledge coach-colleagues give-feedback
keukenhulp | keukenhulp | keukenassistent; hulpkok | kitchen assistant | kitchen helper | 9412 | food-hygiene prepare-ingredients kitchen-cleaning follow-instructions teamwork dishwashing | store-food portioning waste-separation knife-skills prepare-cold-dishes work-under-pressure
afwasser | afwasser | spoelkeukenmedewerker; afwashulp; medewerker spoelkeuken | kitchen porter | dishwasher; pot washer | 9412 | dishwashing pot-washing kitchen-cleaning food-hygiene waste-separation physical-stamina work-under-pressure | teamwork receive-goods store-food follow-instructions
cateringmedewerker | cateringmedewerker | medewerker catering; cateraar | catering assistant | catering worker | 5246 | food-hygiene sandwich serve-food customer-service cash-handling buffet teamwork | coffee regenerate-meals portioning pos-system kitchen-cleaning vending work-under-pressure
medewerker-bedrijfsrestaurant | medewerker bedrijfsrestaurant | medewerker personeelsrestaurant; kantinemedewerker | staff restaurant worker | canteen assistant | 5246 | food-hygiene sandwich buffet cash-handling pos-system customer-service kitchen-cleaning | coffee regenerate-meals stock-rotation teamwork
grootkeukenmedewerker | medewerker grootkeuken | kok grootkeuken; productiekok | institutional cook | large-scale catering cook | 5120 | large-scale-cooking food-hygiene haccp-plan portioning regenerate-meals follow-recipes dietary-requirements | kitchen-equipment store-food transport-food teamwork
gastvrouw | gastvrouw / gastheer | gastvrouw; gastheer; hostess | host / hostess | hostess; front of house host | 4229 | welcome-guests hospitality-attitude customer-service communicate-clearly seat-guests reservations handle-complaints | telephone english-speaking tourist-information event-setup de-escalation hostmanship
medewerker-bediening | medewerker bediening | ober; serveerster; kelner; bediening; serveerder | waiter / waitress | waiter; waitress; server | 5131 | take-orders serve-food serve-drinks set-tables clear-tables customer-service hospitality-attitude pos-system work-under-pressure | menu-advice wine-knowledge bar-work coffee cash-handling english-speaking teamwork banqueting
barmedewerker | barmedewerker | barman; barvrouw; barkeeper | bartender | barman; barmaid | 5132 | bar-work serve-drinks coffee cash-handling pos-system customer-service hospitality-attitude | wine-knowledge cocktails age-check stock-rotation de-escalation
barista | barista | koffiebarmedewerker | barista | coffee bar worker | 5132 | coffee serve-drinks customer-service cash-handling food-hygiene hospitality-attitude | sandwich pos-system stock-rotation
pizzabakker | pizzabakker | pizzakok | pizza maker | pizzaiolo | 5120 | pizza food-hygiene prepare-ingredients work-under-pressure kitchen-equipment follow-recipes | cash-handling take-orders kitchen-cleaning
receptionist-hotel | receptionist hotel | hotelreceptionist; front office medewerker | hotel receptionist | front desk agent; front office clerk | 4224 | check-in-out hotel-reservation-system welcome-guests customer-service telephone english-speaking handle-complaints cash-handling | tourist-information reservations privacy shift-work email hospitality-attitude
housekeeping | medewerker housekeeping | kamermeisje; roomattendant; kamerschoonmaker | room attendant | chambermaid; housekeeper | 9112 | room-cleaning make-beds sanitary-cleaning cleaning-agents minibar physical-stamina work-under-pressure | laundry report-incidents ergonomics cleaning-cart
ontbijtmedewerker | ontbijtmedewerker hotel | medewerker ontbijt | breakfast attendant | breakfast server | 5131 | breakfast buffet food-hygiene serve-drinks clear-tables hospitality-attitude | coffee room-service customer-service
locatiemanager-catering | locatiemanager catering | locatiemanager; cateringmanager | catering location manager | catering manager; site manager catering | 1412 | manage-location staff-planning-catering budget-control client-contact-catering lead-team haccp-plan food-safety-rules | cost-calculation-dishes handle-complaints reporting quality-control-food coach-colleagues
evenementencateraar | medewerker evenementencatering | partycateraar | event caterer | party caterer | 5120 | catering-events buffet food-hygiene transport-food serve-food event-setup teamwork | bar-work drive-van physical-stamina banqueting
maaltijdbezorger | maaltijdbezorger | bezorger maaltijden | meal delivery driver | food delivery courier | 9621 | parcel-delivery transport-food customer-contact-delivery route-planning punctuality use-smartphone-apps | drive-van driving-licence-b cash-handling cargo-bike
# --- cleaning ---
schoonmaker | schoonmaker | schoonmaakmedewerker; interieurverzorger; schoonmaakster | cleaner | office cleaner; cleaning operative | 9112 | cleaning-methods cleaning-agents floor-cleaning sanitary-cleaning office-cleaning cleaning-schedule independence | floor-machine dosing-chemicals waste-disposal cleaning-cart eco-cleaning
schoonmaker-zorg | schoonmaker zorginstelling | schoonmaakmedewerker ziekenhuis | healthcare cleaner | hospital cleaner | 9112 | hospital-cleaning disinfection infection-prevention cleaning-methods cleaning-agents sanitary-cleaning cleaning-schedule | privacy floor-machine waste-disposal client-communication
glazenwasser | glazenwasser | gevelreiniger | window cleaner | window washer | 9122 | window-cleaning work-at-height safety-awareness vca physical-stamina independence | facade-cleaning high-pressure driving-licence-b
industrieel-reiniger | industrieel reiniger | medewerker industriële reiniging | industrial cleaner | industrial cleaning operative | 9129 | industrial-cleaning high-pressure hazardous-substances vca safety-awareness machine-cleaning | work-at-height report-incidents shift-work
objectleider-schoonmaak | objectleider schoonmaak | voorman schoonmaak; rayonleider schoonmaak | cleaning supervisor | cleaning team leader | 5151 | supervise-cleaning quality-check-cleaning cleaning-specs lead-team staff-planning-catering handle-complaints | cleaning-methods reporting client-contact-catering coach-colleagues
autopoetser | autopoetser | medewerker autowasstraat | car valet | vehicle cleaner | 9122 | vehicle-cleaning high-pressure cleaning-agents customer-service accuracy | physical-stamina
schoonmaker-ov | schoonmaker openbaar vervoer | treinschoonmaker; busschoonmaker | public transport cleaner | train cleaner | 9112 | cleaning-methods vehicle-cleaning sanitary-cleaning waste-disposal shift-work work-under-pressure | report-incidents
# --- security ---
beveiliger | beveiliger | beveiligingsmedewerker; bewaker; beveiligingsbeambte | security guard | security officer | 5414 | surveillance access-control observe incident-report security-regulations use-force-rules communicate-clearly de-escalation | camera-monitoring alarm-follow-up first-aid bhv radio customer-service shift-work
winkelsurveillant | winkelsurveillant | winkelbeveiliger; winkeldetective | store detective | retail security officer | 5414 | store-security shoplifting observe incident-report use-force-rules de-escalation security-regulations | camera-monitoring customer-service radio
evenementenbeveiliger | evenementenbeveiliger | crowd controller; evenementenbeveiliging | event security officer | crowd controller; steward | 5414 | event-security crowd-control searching de-escalation radio evacuation | first-aid hostmanship customer-service work-under-pressure
receptiebeveiliger | receptiebeveiliger | beveiliger receptie; servicebeveiliger | security receptionist | front desk security officer | 5414 | reception-security access-control welcome-guests identify-persons telephone customer-service incident-report | camera-monitoring key-management hostmanship english-speaking fire-alarm-system
meldkamercentralist | meldkamercentralist | meldkamermedewerker; alarmcentralist | alarm monitoring operator | control room operator | 5414 | control-room camera-monitoring alarm-follow-up emergency-services-contact radio accuracy stress-resistance | incident-report shift-work fire-alarm-system
mobiele-surveillant | mobiele surveillant | alarmopvolger | mobile patrol officer | mobile security officer | 5414 | mobile-security alarm-follow-up locking-rounds driving-licence-b incident-report key-management | surveillance first-aid
verkeersregelaar | verkeersregelaar | verkeersbegeleider | traffic controller | traffic marshal | 9629 | traffic-control communicate-clearly safety-awareness observe punctuality | event-security radio
# --- logistics and web shops ---
orderpicker | orderpicker | orderverzamelaar; picker; orderpickster | order picker | warehouse picker | 9321 | order-picking scanner accuracy work-under-pressure pallet-truck follow-instructions physical-stamina | wms packing forklift shift-work warehouse-safety teamwork
magazijnmedewerker | magazijnmedewerker | logistiek medewerker; medewerker warehouse | warehouse worker | warehouse operative | 9333 | inbound outbound stock-count scanner wms loading-unloading warehouse-safety teamwork | forklift reach-truck order-picking returns pallet-stacking container-unloading
heftruckchauffeur | heftruckchauffeur | vorkheftruckbestuurder; heftruckbestuurder; heftrucker | forklift operator | forklift truck driver; forklift driver | 8344 | forklift forklift-certificate loading-unloading pallet-stacking warehouse-safety load-securing | reach-truck wms scanner inbound outbound container-unloading
reachtruckchauffeur | reachtruckchauffeur | reachtruckbestuurder | reach truck operator | reach truck driver | 8344 | reach-truck forklift-certificate pallet-stacking wms warehouse-safety accuracy | forklift stock-count
inpakker | inpakker | medewerker inpak; inpakster | packer | packing operative | 9321 | packing labelling accuracy follow-instructions work-under-pressure | scanner returns quality-inspection-goods e-fulfilment
retourverwerker | medewerker retouren | retourverwerker | returns processor | returns handler | 9321 | returns quality-inspection-goods scanner wms data-entry accuracy | customer-service-online packing
teamleider-magazijn | teamleider magazijn | shiftleader logistiek; ploegleider magazijn | warehouse team leader | warehouse supervisor | 4321 | supervise-warehouse lead-team kpi-logistics staff-planning-catering warehouse-safety stock-management | lean wms coach-colleagues reporting cross-docking
voorraadbeheerder | voorraadbeheerder | voorraadmedewerker | stock controller | inventory controller | 4321 | stock-management stock-count wms spreadsheets accuracy order-supplies | data-entry reporting
vrachtwagenchauffeur | vrachtwagenchauffeur | chauffeur vrachtwagen; beroepschauffeur | truck driver | lorry driver; HGV driver | 8332 | driving-licence-c tachograph load-securing transport-documents route-planning loading-unloading | dangerous-goods cold-chain customer-contact-delivery
pakketbezorger | pakketbezorger | koerier; bezorger | parcel delivery driver | courier; delivery driver | 9621 | parcel-delivery drive-van driving-licence-b route-planning customer-contact-delivery use-smartphone-apps work-under-pressure | loading-unloading physical-stamina cargo-bike
logistiek-planner | logistiek planner | transportplanner | logistics planner | transport planner | 4323 | logistics-planning route-planning shipping-carriers spreadsheets communicate-clearly problem-solving | customs transport-documents kpi-logistics
webshopmedewerker | webshopmedewerker | e-commerce medewerker | e-commerce assistant | web shop assistant | 4229 | webshop-management order-processing product-content customer-service-online email basic-computer | product-photography social-media returns seo e-fulfilment
klantenservicemedewerker | klantenservicemedewerker | klantcontactmedewerker; callcenteragent | customer service representative | contact centre agent | 4222 | call-centre telephone customer-service handle-complaints customer-admin listen-actively | customer-service-online email english-speaking stress-resistance
# --- technical work, installation, production, green ---
elektromonteur | elektromonteur | elektricien; installatiemonteur elektro | electrician | electrical installer | 7411 | electrical-installation nen1010 nen3140 wiring read-technical-drawings fault-finding power-tools | solar-panels domotica data-cabling vca service-reports charging-points
monteur-installatietechniek | monteur installatietechniek | installateur; loodgieter; cv-monteur | plumbing and heating installer | plumber; heating engineer | 7126 | plumbing heating-systems gas-installation sanitary-installation read-technical-drawings hand-tools soldering | heat-pumps ventilation service-reports customer-visit-technical vca
warmtepompmonteur | warmtepompmonteur | monteur duurzame installaties | heat pump installer | heat pump technician | 7127 | heat-pumps f-gas heating-systems electrical-installation fault-finding read-technical-drawings | energy-saving air-conditioning customer-visit-technical insulation
zonnepanelenmonteur | zonnepanelenmonteur | monteur zonnepanelen; pv-monteur | solar panel installer | solar PV installer | 7411 | solar-panels work-at-height vca wiring power-tools safety-awareness | electrical-installation nen3140 physical-stamina roofing
servicemonteur | servicemonteur | storingsmonteur | service technician | field service engineer | 7127 | fault-finding preventive-maintenance customer-visit-technical service-reports heating-systems driving-licence-b | air-conditioning f-gas repair-machines plan-own-work customer-service
onderhoudsmonteur | onderhoudsmonteur | technicus productie; monteur werktuigbouw | maintenance technician | maintenance mechanic | 7233 | preventive-maintenance repair-machines fault-finding mechanical-assembly hydraulics read-technical-drawings | plc welding shift-work service-reports
huismeester | huismeester | gebouwbeheerder; conciërge | caretaker | building caretaker | 5153 | building-maintenance facility-rounds hand-tools customer-service plan-own-work key-management | painting fire-safety bhv
timmerman | timmerman | bouwtimmerman | carpenter | joiner | 7115 | carpentry read-technical-drawings power-tools measuring-tools install-doors-windows vca | drywall material-calculation building-regulations insulation
schilder | schilder | huisschilder | painter | house painter; decorator | 7131 | painting work-at-height scaffolding hand-tools accuracy safety-awareness | drywall customer-service
productiemedewerker | productiemedewerker | operator; productiewerker | production operator | production worker | 9329 | operate-production-line assembly-line line-quality-checks follow-instructions shift-work safety-awareness | packaging-machine machine-cleaning batch-records lean sorting
operator-levensmiddelen | operator levensmiddelenindustrie | procesoperator voeding | food production operator | food processing operator | 8160 | food-production hygiene-production packaging-machine line-quality-checks batch-records gmp | machine-cleaning machine-setup shift-work food-safety-rules process-operator
cnc-operator | CNC-operator | CNC-verspaner; draaier/frezer | CNC operator | CNC machinist | 7223 | cnc machine-setup read-technical-drawings measuring-tools metalworking accuracy | preventive-maintenance quality-inspection-goods
lasser | lasser | constructielasser | welder | structural welder | 7212 | welding metalworking read-technical-drawings safety-awareness measuring-tools | vca power-tools
automonteur | automonteur | autotechnicus | car mechanic | motor vehicle mechanic | 7231 | car-maintenance diagnose-vehicles tyres hand-tools fault-finding | customer-service service-reports
fietsenmaker | fietsenmaker | fietstechnicus | bicycle mechanic | bicycle repairer | 7234 | bicycle-repair hand-tools fault-finding customer-service sales-skills | cash-handling
hovenier | hovenier | tuinman; groenvoorziener | gardener | landscape gardener | 6113 | gardening planting lawn-mowing garden-machines plant-knowledge physical-stamina | paving tree-care green-maintenance-public driving-licence-b
# --- care ---
helpende-zorg | helpende zorg en welzijn | helpende; zorghulp | care assistant | healthcare assistant | 5322 | personal-care assist-eating household-support observe-health client-communication infection-prevention reporting-care | assist-mobility daytime-activities empathy lifting-technique meals-care
verzorgende-ig | verzorgende IG | verzorgende individuele gezondheidszorg; verzorgende | certified care worker (VIG) | care worker; health care worker | 5321 | personal-care medication nursing-procedures care-plan observe-health client-records vital-signs infection-prevention | wound-care dementia palliative lifting-technique cooperate-multidisciplinary shift-work
verpleegkundige | verpleegkundige | verpleger; wijkverpleegkundige | nurse | registered nurse | 2221 | nursing-procedures medication wound-care care-plan-write vital-signs big-register client-records cooperate-multidisciplinary | palliative dementia healthcare-legislation lead-team
thuiszorgmedewerker | medewerker thuiszorg | thuiszorghulp; huishoudelijke hulp | home help | domestic help; home care assistant | 5322 | household-support home-care client-communication independence observe-health reporting-care | personal-care meals-care driving-licence-b empathy elderly-activation
begeleider-gehandicaptenzorg | begeleider gehandicaptenzorg | persoonlijk begeleider; woonbegeleider | disability support worker | support worker | 3412 | disability-care daytime-activities aggression-care client-communication reporting-care pedagogy | personal-care medication youth-work mental-health-support
pedagogisch-medewerker | pedagogisch medewerker kinderopvang | leidster kinderdagverblijf; pm'er | childcare worker | nursery worker | 5311 | child-care child-development pedagogy communicate-clearly observe-health first-aid | meals-care daytime-activities
gastvrouw-zorg | gastvrouw zorginstelling | zorggastvrouw; gastheer zorg | healthcare hostess | hospitality assistant in care | 5246 | hospitality-attitude meals-care welcome-guests client-communication food-hygiene serve-food | daytime-activities dementia reception-care elderly-activation
medewerker-sterilisatie | medewerker sterilisatie | CSA-medewerker | sterilisation technician | sterile services technician | 3211 | sterilisation infection-prevention accuracy follow-instructions disinfection | quality-inspection-goods
baliemedewerker-zorg | baliemedewerker zorg | receptionist huisartsenpraktijk; medisch receptionist | medical receptionist | healthcare receptionist | 4226 | reception-care telephone agenda-management privacy-care client-communication data-entry | customer-admin handle-complaints
# --- retail ---
vakkenvuller | vakkenvuller | winkelmedewerker vakken vullen | shelf filler | shelf stacker | 9334 | shelf-stocking price-labelling stock-rotation product-presentation physical-stamina | scanner customer-service
kassamedewerker | kassamedewerker | caissière; kassière | cashier | checkout operator | 5230 | checkout cash-handling pos-system customer-service age-check accuracy | self-checkout-assist handle-complaints
verkoopmedewerker | verkoopmedewerker | winkelmedewerker; verkoper | sales assistant | shop assistant | 5223 | advise-customers sales-skills product-knowledge checkout customer-service product-presentation | returns-store theft-prevention visual-merchandising online-orders-store customer-loyalty
medewerker-vers | medewerker versafdeling | medewerker vers | fresh food assistant | deli assistant | 5223 | fresh-products food-hygiene stock-rotation cheese-deli customer-service | bake-off butchery bakery-sales
slager | slager | verkoper vlees | butcher | retail butcher | 7511 | butchery knife-skills food-hygiene advise-customers cold-chain | cost-calculation-dishes cash-handling
bedrijfsleider-winkel | bedrijfsleider winkel | filiaalmanager; storemanager | shop manager | store manager | 1420 | store-management lead-team staff-planning-catering sales-targets stock-ordering-retail budget-control | visual-merchandising handle-complaints reporting coach-colleagues store-opening
online-picker | orderpicker supermarkt | thuisbezorgpicker; personal shopper | online grocery picker | personal shopper | 9334 | online-orders-store order-picking scanner fresh-products accuracy cold-chain | customer-contact-delivery
# --- administration ---
administratief-medewerker | administratief medewerker | kantoormedewerker; administratiemedewerker | administrative assistant | office clerk; administrative clerk | 4110 | office-software data-entry filing correspondence email accuracy | spreadsheets document-management telephone invoice-processing digital-archive
receptionist | receptionist | telefonist; baliemedewerker | receptionist | front desk receptionist | 4226 | reception-desk telephone welcome-guests agenda-management customer-service email | english-speaking office-software privacy hospitality-attitude
financieel-administratief | financieel administratief medewerker | boekhoudkundig medewerker; crediteurenadministrateur | bookkeeping clerk | accounts assistant | 4311 | bookkeeping invoice-processing accounting-software spreadsheets accuracy accounts-receivable | vat purchase-admin payroll
salarisadministrateur | salarisadministrateur | payroll medewerker | payroll administrator | payroll clerk | 4313 | payroll hr-admin accounting-software gdpr spreadsheets accuracy | reporting
secretaresse | secretaresse | secretaris; managementassistent | secretary | personal assistant | 4120 | agenda-management correspondence minutes office-software office-management telephone | reporting document-management english-speaking presentation-skills
inkoopmedewerker | inkoopmedewerker | inkoopassistent | purchasing assistant | buyer assistant | 3323 | procurement purchase-admin order-supplies spreadsheets communicate-clearly | stock-management budget-control
planner | planner | roosterplanner; werkvoorbereider | planner | scheduler; work planner | 4322 | planning-admin spreadsheets communicate-clearly problem-solving accuracy | staff-planning-catering work-planning-technical reporting
medewerker-debiteuren | medewerker debiteurenbeheer | incassomedewerker | credit controller | collections clerk | 4214 | accounts-receivable debt-collection telephone accounting-software customer-admin | conflict-handling
# --- ICT ---
servicedeskmedewerker | servicedeskmedewerker | helpdeskmedewerker; ICT-supportmedewerker | service desk agent | help desk agent; IT support technician | 3512 | it-support ticket-system install-software m365 telephone customer-service problem-solving | hardware-repair networks online-safety
systeembeheerder | systeembeheerder | netwerkbeheerder; ICT-beheerder | system administrator | network administrator | 2522 | servers networks cloud cybersecurity m365 fault-finding | documentation-it databases linux python
softwareontwikkelaar | softwareontwikkelaar | programmeur; developer | software developer | programmer | 2512 | programming version-control testing-software databases agile requirements | python javascript web-development documentation-it cloud ai-tools
webdeveloper | webdeveloper | front-end developer; websitebouwer | web developer | front-end developer | 2513 | web-development html-css javascript version-control accessibility-web ux | seo testing-software
data-analist | data-analist | business intelligence specialist | data analyst | BI analyst | 2511 | data-analysis databases dashboards spreadsheets reporting python | requirements privacy ai-tools
softwaretester | softwaretester | testanalist; tester | software tester | test analyst | 2519 | testing-software requirements accuracy documentation-it agile | programming ticket-system
online-marketeer | online marketeer | contentmarketeer; social media medewerker | digital marketer | online marketing specialist | 2431 | online-marketing social-media seo data-analysis correspondence | webshop-management product-photography dashboards ai-tools
"""

#: Demo concepts whose English label matches an ESCO label that means something else.
NO_TWIN = {
    "souschef",
    "cateringmedewerker",
    "planner",
    "productiemedewerker",
    "medewerker-debiteuren",
    "verzorgende-ig",
    "teamleider-magazijn",
}

NO_TWIN_SKILLS = {"clear-tables", "product-presentation", "floor-cleaning"}

SKILL_TYPES = {"s": "skill/competence", "k": "knowledge"}
REUSE_LEVELS = {
    "t": "transversal",
    "c": "cross-sector",
    "s": "sector-specific",
    "o": "occupation-specific",
}
URI_PREFIX = "urn:overstap:demo:"
OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "description",
    "code",
    "sameAs",
]
SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "description",
    "sameAs",
]
RELATION_COLUMNS = [
    "occupationUri",
    "occupationLabel",
    "relationType",
    "skillType",
    "skillUri",
    "skillLabel",
]


def _lines(text: str) -> list[list[str]]:
    rows = []
    for line in text.strip().splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([part.strip() for part in line.split("|")])
    return rows


def _alts(value: str) -> list[str]:
    return [alt.strip() for alt in value.split(";") if alt.strip()]


def skill_uri(key: str) -> str:
    return f"{URI_PREFIX}skill:{key}"


def occupation_uri(key: str) -> str:
    return f"{URI_PREFIX}occupation:{key}"


def parse() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The skills and occupations as dicts; raises ValueError on an inconsistency."""
    skills = []
    keys: set[str] = set()
    for parts in _lines(SKILLS):
        key, nl, en, skill_type, reuse = parts
        if key in keys:
            raise ValueError(f"duplicate skill key {key}")
        keys.add(key)
        skills.append(
            {
                "key": key,
                "nl": nl,
                "en": en,
                "type": SKILL_TYPES[skill_type],
                "reuse": REUSE_LEVELS[reuse],
            }
        )
    occupations = []
    occupation_keys: set[str] = set()
    for parts in _lines(OCCUPATIONS):
        key, nl, nl_alts, en, en_alts, isco, essential, optional = parts
        if key in occupation_keys:
            raise ValueError(f"duplicate occupation key {key}")
        occupation_keys.add(key)
        essential_keys, optional_keys = essential.split(), optional.split()
        for skill in essential_keys + optional_keys:
            if skill not in keys:
                raise ValueError(f"{key}: unknown skill {skill}")
        overlap = set(essential_keys) & set(optional_keys)
        if overlap:
            raise ValueError(f"{key}: essential and optional: {overlap}")
        occupations.append(
            {
                "key": key,
                "nl": nl,
                "nl_alts": _alts(nl_alts),
                "en": en,
                "en_alts": _alts(en_alts),
                "isco": isco,
                "essential": essential_keys,
                "optional": optional_keys,
            }
        )
    return skills, occupations


def _esco_uris(esco: Path, name: str) -> dict[str, str]:
    """English preferred label (lower case) → URI; alternative labels where unambiguous."""
    import csv

    csv.field_size_limit(2**31 - 1)
    preferred: dict[str, str] = {}
    alternative: dict[str, set[str]] = {}
    with (esco / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            preferred.setdefault(row["preferredLabel"].strip().lower(), row["conceptUri"])
            for alt in (row.get("altLabels") or "").splitlines():
                alternative.setdefault(alt.strip().lower(), set()).add(row["conceptUri"])
    for label, uris in alternative.items():
        if len(uris) == 1 and label not in preferred:
            preferred[label] = next(iter(uris))
    return preferred


def _existing_same_as(folder: Path, name: str) -> dict[str, str]:
    import csv

    path = folder / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["conceptUri"]: row["sameAs"] for row in csv.DictReader(handle)}


def write(folder: Path, esco: Path | None = None) -> dict[str, int]:
    """Write the demo CSV files (ESCO v1.2 layout) into ``folder``."""
    import csv

    skills, occupations = parse()
    if esco is not None:
        occupation_twins = _esco_uris(esco, "occupations_en.csv")
        skill_twins = _esco_uris(esco, "skills_en.csv")

        def occupation_same_as(item: dict[str, Any]) -> str:
            if item["key"] in NO_TWIN:
                return ""
            for label in [item["en"], *item["en_alts"]]:
                uri = occupation_twins.get(str(label).lower())
                if uri:
                    return uri
            return ""

        def skill_same_as(item: dict[str, Any]) -> str:
            if item["key"] in NO_TWIN_SKILLS:
                return ""
            return skill_twins.get(str(item["en"]).lower(), "")

    else:
        kept_occupations = _existing_same_as(folder, "occupations_en.csv")
        kept_skills = _existing_same_as(folder, "skills_en.csv")

        def occupation_same_as(item: dict[str, Any]) -> str:
            return kept_occupations.get(occupation_uri(str(item["key"])), "")

        def skill_same_as(item: dict[str, Any]) -> str:
            return kept_skills.get(skill_uri(str(item["key"])), "")

    folder.mkdir(parents=True, exist_ok=True)
    skill_by_key = {str(s["key"]): s for s in skills}
    linked = {"occupations": 0, "skills": 0}
    for lang in ("nl", "en"):
        with (folder / f"occupations_{lang}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(OCCUPATION_COLUMNS)
            for number, item in enumerate(occupations, start=1):
                same_as = occupation_same_as(item)
                linked["occupations"] += bool(same_as) and lang == "en"
                writer.writerow(
                    [
                        "Occupation",
                        occupation_uri(str(item["key"])),
                        item["isco"],
                        item[lang],
                        "\n".join(item[f"{lang}_alts"]),
                        "",
                        "released",
                        "",
                        f"{item['isco']}.D{number}",
                        same_as,
                    ]
                )
        with (folder / f"skills_{lang}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(SKILL_COLUMNS)
            for item in skills:
                same_as = skill_same_as(item)
                linked["skills"] += bool(same_as) and lang == "en"
                writer.writerow(
                    [
                        "KnowledgeSkillCompetence",
                        skill_uri(str(item["key"])),
                        item["type"],
                        item["reuse"],
                        item[lang],
                        "",
                        "",
                        "released",
                        "",
                        same_as,
                    ]
                )
        name = f"occupationSkillRelations_{lang}.csv"
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(RELATION_COLUMNS)
            for item in occupations:
                for relation in ("essential", "optional"):
                    for key in item[relation]:
                        skill = skill_by_key[key]
                        writer.writerow(
                            [
                                occupation_uri(str(item["key"])),
                                item[lang],
                                relation,
                                skill["type"],
                                skill_uri(key),
                                skill[lang],
                            ]
                        )
    return {
        "occupations": len(occupations),
        "skills": len(skills),
        **{f"linked_{k}": v for k, v in linked.items()},
    }


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--esco", type=Path, help="ESCO bundle to look up sameAs URIs in.")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "data" / "demo"
    )
    args = parser.parse_args(argv)
    print(write(args.out, args.esco))


if __name__ == "__main__":
    main()
