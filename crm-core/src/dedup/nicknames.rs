//! Given-name equivalences: nicknames, diminutives and cross-language variants.
//!
//! The table groups names that can denote the same person's given name: a name, its
//! nicknames and diminutives, and its common forms in other languages (English, German,
//! Dutch, French, Spanish, Portuguese, Italian, Polish, Russian, Greek, Yoruba and Igbo,
//! and romanised Arabic and Turkish). For example one group is `robert bob bobby rob robbie … roberto rupert`, another
//! `joseph joe … jose giuseppe beppe pepe … sepp … yusuf`.
//!
//! * Male and female forms are separate groups (`alexander` and `alexandra`), and a short
//!   form can belong to several groups: `alex` is in both of those, `chris` in
//!   `christopher`, `christian` and `christina`, `sam` in `samuel` and `samantha`, `jo` in
//!   `joanna` and `josephine`, `jan` in `john`, `jane`, `janet` and `janice`.
//! * Entries are lower-case ASCII with accents folded (`lukasz`, `jurgen`, `francois`):
//!   look names up after the same normalisation, one word at a time.
//! * Lookups are a binary search over a compact static index sorted by name: no
//!   allocation, no global mutable state, no initialisation.
//!
//! [`nickname_groups`] gives a name's group ids, [`are_nicknames`] tells whether two
//! different names share a group, and [`group_members`] lists a group (for explanations).
//!
//! # Index
//!
//! The index is the generated file `nicknames_data.rs` next to this one. It holds no
//! pointers (a table of `&str` and `&[u16]` would cost 16 bytes of pointers and lengths per
//! name in the .wasm, which gzip compresses poorly), and does not use `GROUPS` (which the
//! .wasm leaves out unless [`group_members`] is called):
//!
//! * `INDEX`, one string: every name in byte order, each followed by the decimal position
//!   of its group ids in `IDS` (`"aaron0abbie156abby156…"`). A name is lower-case letters
//!   and the number digits, so entries need no separator. A lookup binary-searches
//!   `SAMPLES`, the start of every `SAMPLE_STEP`-th entry (computed at compile time from
//!   `INDEX`, 2 bytes per sample), then scans the few entries that follow the sample.
//! * `IDS`: first `0, 1, 2, …`, one per group (`GROUP_COUNT` of them), so a name in a
//!   single group `g` has the
//!   number `g` and its list is `IDS[g..=g]`; then the lists of the names in several groups
//!   (`alex`, `chris`), each preceded by its length, its position being the number (names
//!   with the same groups share it).
//!
//! # Maintenance
//!
//! `GROUPS` is the source of truth, edited by hand; the index is generated from it. After
//! editing `GROUPS`, run `CRM_WRITE_NICKNAMES=1 cargo test -p crm-core nicknames` to
//! rewrite `nicknames_data.rs`, then the tests again without the variable: a plain test run
//! (`names_index_matches_groups`) checks that the committed file equals a fresh generation.

use std::cmp::Ordering;

use super::similarity::damerau_osa_bounded;

mod data {
    include!("nicknames_data.rs");
}

/// The groups, by id: space-separated names, the canonical one first. Edited by hand (see
/// "Maintenance" in the module docs).
static GROUPS: &[&str] = &[
    /* 0 */ "aaron ron ronnie aron aharon",
    /* 1 */ "abraham abe abram avraham ibrahim abrahan",
    /* 2 */ "adam addie adamo",
    /* 3 */ "adrian adrien adriano ade adrianus adriaan arjan",
    /* 4 */ "albert al bert bertie alberto albrecht beto tito",
    /* 5 */
    "alexander alex alec alek alexandr aleksandr aleksander alejandro alessandro \
        alexandre sasha sacha sandy sander xander alastair alasdair alistair sandro shura sanya \
        olek",
    /* 6 */ "alfred al alf alfie fred freddie freddy alfredo",
    /* 7 */ "allan al alan allen alain alano",
    /* 8 */ "alphonse al alfonso alphonso alfons fonzie alonso poncho",
    /* 9 */ "ambrose ambrogio ambrosio",
    /* 10 */
    "andrew andy drew andre andreas andrea andres andrei andrey andrzej andries anders \
        dries andi andryusha",
    /* 11 */ "angelo angel angelino",
    /* 12 */
    "anthony tony antony anton antonio antoine antonin antoni antek toni tonio tonino \
        totonno antonius ton toon teun toninho",
    /* 13 */ "archibald archie",
    /* 14 */ "arnold arnie arnoldo arnaud",
    /* 15 */ "arthur art artie arturo artur",
    /* 16 */ "augustine augustin agustin agostino gus austin",
    /* 17 */ "augustus august augusto gus",
    /* 18 */ "bartholomew bart bartolomeo bartolome bartek bartlomiej bartosz",
    /* 19 */ "benedict ben bennie benny benedetto benito benoit benedikt",
    /* 20 */ "benjamin ben benji benjy benny bennie benjamim beniamino",
    /* 21 */ "bernard bernie barney bernardo bernhard bernd",
    /* 22 */ "bradley brad",
    /* 23 */ "calvin cal",
    /* 24 */
    "charles charlie chuck chas chaz chip carl carlos carlo karl karel charley karol",
    /* 25 */ "christian chris christiaan kristian cristian krystian kris",
    /* 26 */
    "christopher chris kit topher cristopher kristopher christoph cristobal cristoforo \
        krzysztof christophe kris krzys krzysiek",
    /* 27 */ "clarence clarrie",
    /* 28 */ "cornelius cornell kees cornelis",
    /* 29 */ "curtis curt kurt",
    /* 30 */ "cyril cirillo kirill",
    /* 31 */ "daniel dan danny dani dannie danilo daniele daniil",
    /* 32 */ "david dave davey davie davy dai dawid davide davi",
    /* 33 */ "dennis den denny dennie denis dionisio dionysius",
    /* 34 */ "dominic dom dominick domenico dominik domingo dominique mimmo",
    /* 35 */ "donald don donnie donny",
    /* 36 */ "douglas doug",
    /* 37 */ "edgar ed eddie eddy",
    /* 38 */ "edmund ed eddie eddy ned edmond edmondo",
    /* 39 */ "edward ed eddie eddy ned ted teddy eduardo edouard eduard edoardo edvard lalo",
    /* 40 */ "edwin ed eddie eddy",
    /* 41 */ "elijah eli elias ilya ilia elia ilias",
    /* 42 */ "emmanuel manny manuel manu emanuel emanuele immanuel manolo",
    /* 43 */ "eugene gene eugen eugenio evgeny yevgeny zhenya evgeni yevgeni",
    /* 44 */ "ezekiel zeke",
    /* 45 */ "fernando nando ferdinand ferdinando hernando ferran",
    /* 46 */
    "francis frank frankie fran francisco francesco francois franz franciszek frans \
        paco pancho quico chico cisco franek franco checco cesco curro kiko",
    /* 47 */ "franklin frank frankie",
    /* 48 */
    "frederick fred freddie freddy fritz friedrich federico frederic fredrik frederik \
        rick fede",
    /* 49 */ "gabriel gabe gabi gabriele gavriil",
    /* 50 */ "geoffrey jeff jeffrey geoff jeffery jeffry",
    /* 51 */
    "george georgie georg jorge giorgio georges jerzy jurgen yuri yury yura jurek \
        joris georgios jorg joerg giorgos yorgos",
    /* 52 */ "gerald gerry jerry jerald",
    /* 53 */ "gerard gerry jerry gerardo gerhard gerrit gert gerardus",
    /* 54 */ "gilbert gil bert gilberto",
    /* 55 */ "gonzalo chalo",
    /* 56 */ "gregory greg gregg gregor grigory grzegorz gregorio gregoire grisha grzes",
    /* 57 */ "gustav gus gustavo gustaf gustave",
    /* 58 */ "harold hal harry harald haroldo",
    /* 59 */
    "henry hank harry hal henri enrique enrico heinrich hendrik henk heinz henryk \
        hendrick quique rico heiko hein",
    /* 60 */ "herbert herb bert herbie heriberto",
    /* 61 */ "hermann herman",
    /* 62 */ "howard howie",
    /* 63 */ "hugh hugo hughie hugues ugo",
    /* 64 */ "ignatius ignacio nacho ignazio ignace ignatz",
    /* 65 */ "isaac ike isaak ishak itzhak yitzhak isacco",
    /* 66 */
    "jacob jake jakob jacques jakub jacobo jacopo jaap kuba yakov jaco koby coby jack \
        jacobus koos",
    /* 67 */
    "james jim jimmy jimmie jamie jaime jacques giacomo jem hamish seamus jamey iago \
        jaume giacomino",
    /* 68 */ "jeremiah jerry jeremy jere",
    /* 69 */ "jerome jerry gerolamo geronimo jeronimo",
    /* 70 */ "jesse jess",
    /* 71 */ "jesus chucho chuy",
    /* 72 */ "joachim joaquim joaquin quim jochen achim gioacchino",
    /* 73 */
    "john jack johnny jon jonny johnnie johann johannes hans hannes jan jean juan \
        juanito giovanni gianni joao ivan vanya sean shaun shawn shane ian iain evan jens johan \
        jannik janek jovan jock juhani hansi nino vanni jeannot nanni ioannis giannis yannis",
    /* 74 */ "jonathan jon jonny jonathon johnathan jonatan",
    /* 75 */
    "joseph joe joey jose josef giuseppe beppe peppe peppino pino pepe pepito chema \
        jozef josip jupp sepp seppl iosif osip yosef yusuf youssef yousef yousuf jos joop ze chepe cheo zeca jozek",
    /* 76 */ "joshua josh",
    /* 77 */ "julian julien juliano giuliano jules",
    /* 78 */ "julius jules julio giulio juliusz",
    /* 79 */ "kenneth ken kenny kennie",
    /* 80 */ "kevin kev",
    /* 81 */ "konrad conrad kurt kuno",
    /* 82 */
    "konstantin kostya constantine constantin costantino konstanty konstantinos kostas kostis dinos",
    /* 83 */ "lawrence larry laurence lorenzo laurent lars lauri lenz lorenz",
    /* 84 */ "leo leon leonid leopold lev lyonya leone",
    /* 85 */ "leonard len lenny leo leon leonardo leonhard lennart",
    /* 86 */
    "lewis lew lou louie louis luis luigi ludwig lodewijk ludovic ludovico lutz alois \
        aloysius",
    /* 87 */ "lucas luke lukas luca lukasz luc luka",
    /* 88 */ "malcolm mal",
    /* 89 */ "marcel marcello marcelo marcellus",
    /* 90 */ "mark marc marco marcus marcos markus marek marko",
    /* 91 */ "martin marty mart martino martinho marcin martijn tijn",
    /* 92 */
    "matthew matt matty mat mathew matteo mateo mateus matheus matthias mathias \
        matthaus mateusz matvey matthieu mathieu matthijs thijs",
    /* 93 */ "maurice maury mo moritz mauricio maurizio",
    /* 94 */ "maxim max maksim massimo maxime maximo",
    /* 95 */ "maximilian max maxi maximiliano massimiliano maksymilian",
    /* 96 */
    "michael mike mickey micky mick mikey michel miguel michele mikhail misha mishka \
        michal mikael mikkel michiel mihai mischa maik",
    /* 97 */
    "mohammed mohammad muhammad muhammed mohamed mohamad mehmet mehmed mo moe hamoudi",
    /* 98 */ "moses moe moshe moises mose musa",
    /* 99 */ "nathan nate nat nathanael nathaniel natan",
    /* 100 */
    "nicholas nick nicky nico nicolas nicola nikolai nikolaj nicolaas niklas klaus \
        claus nils niels kolya mikolaj nicolo niccolo nikolaus miklos nikos colas nikolaos",
    /* 101 */ "oliver ollie olly olivier oliviero",
    /* 102 */ "oscar ossie oskar",
    /* 103 */ "oswald oz ozzie",
    /* 104 */ "patrick pat patty paddy patricio patrizio patryk padraig",
    /* 105 */ "paul paulie pablo paolo paulo pawel pavel paavo pauli pasha",
    /* 106 */ "percival percy",
    /* 107 */
    "peter pete pedro pietro pierre piet pieter piotr petr pyotr petya petrus peder \
        per perico",
    /* 108 */ "philip phil pip philippe felipe filippo filip phillip philipp pipo",
    /* 109 */ "ralph rafe raul raoul",
    /* 110 */ "randolph randy dolph",
    /* 111 */ "randall randy",
    /* 112 */ "raphael rafael rafa raffaele rafal rafi",
    /* 113 */ "raymond ray raimundo raimondo ramon",
    /* 114 */ "reginald reg reggie",
    /* 115 */
    "richard dick rick ricky rich richie rico ricardo riccardo ryszard rik dickie \
        rickie",
    /* 116 */ "robert bob bobby rob robbie robby bert bertie roberto rupert rab beto",
    /* 117 */ "rodney rod",
    /* 118 */ "rodrigo rodri rod",
    /* 119 */ "roger rog rodger ruggero rogelio rogier",
    /* 120 */ "ronald ron ronnie ronny ronaldo",
    /* 121 */ "rudolph rudy rudi rudolf rodolfo rolf dolph",
    /* 122 */ "russell russ rusty",
    /* 123 */ "salvatore toto turi salvo",
    /* 124 */ "samuel sam sammy samuele samuil shmuel",
    /* 125 */ "santiago santi",
    /* 126 */ "sebastian seb bastian sebastiano sebastien basti sebas",
    /* 127 */ "sergey sergei serge sergio sergiusz seryozha",
    /* 128 */ "sidney sid syd",
    /* 129 */ "siegfried sigi",
    /* 130 */ "simon si simone shimon szymon semyon simeon",
    /* 131 */ "solomon sol solly salomon suleiman sulayman",
    /* 132 */ "stanislaw stanislav stan stas stanislaus stasiek",
    /* 133 */ "stanley stan",
    /* 134 */
    "stephen steve steven stevie stephan stefan esteban stefano etienne stepan \
        stephane stefanos szczepan",
    /* 135 */ "sylvester sly silvestre silvestro",
    /* 136 */ "terence terry terrance terrence",
    /* 137 */ "theodore ted teddy theo teodoro fedor fyodor theodor teo",
    /* 138 */ "thomas tom tommy thom tomas tomasz tommaso toma tomek",
    /* 139 */ "timothy tim timmy timo timoteo",
    /* 140 */ "tobias toby tobi",
    /* 141 */ "ulrich uli ueli",
    /* 142 */ "valentine val valentin valentino walenty",
    /* 143 */ "victor vic vicky viktor vittorio vitya wiktor",
    /* 144 */ "vincent vince vinnie vinny vincenzo vicente enzo wincenty",
    /* 145 */ "vladimir volodya vova vlad wlodzimierz",
    /* 146 */ "walter walt wally walther gualtiero",
    /* 147 */
    "william bill billy will willy willie liam wil wilhelm willem wim guillaume \
        guillermo guglielmo guilherme memo vilem wilhelmus",
    /* 148 */ "wojciech wojtek",
    /* 149 */ "wolfgang wolf wolfi",
    /* 150 */ "zachary zach zack zak zachariah zacharias",
    /* 151 */ "anatoly tolya anatoli",
    /* 152 */ "vasily vasya basil vassily wasyl vasileios vasilis",
    /* 153 */ "boris borya",
    /* 154 */ "dmitry dima dmitri dimitri dmitrij dimitrios demetrius mitya mitsos",
    /* 155 */ "dietrich dieter didi",
    /* 156 */ "abigail abby abbie gail",
    /* 157 */ "adelaide addie adele ada adela adelheid heidi",
    /* 158 */ "agatha aggie agata agathe",
    /* 159 */ "agnes aggie nessie inez ines agnieszka agnese aga",
    /* 160 */
    "alexandra alex alexa alexis lexi sandra sandy sasha sacha alessandra alejandra \
        aleksandra sandi sondra shura ola",
    /* 161 */ "alice ally allie alicia alix",
    /* 162 */ "amanda mandy manda",
    /* 163 */ "amelia amy millie melia",
    /* 164 */ "anastasia nastya stacy stacey anastazja",
    /* 165 */ "angela angie angel angelina angelika angelica angelique",
    /* 166 */
    "ann annie anne anna anita nancy nan nanette annette hannah hanna anya ana anja \
        anke annika ani anyuta ania",
    /* 167 */ "antonia toni tonia antonella antonina tosia",
    /* 168 */ "barbara barb barbie babs bobbie barbra basia",
    /* 169 */ "beatrice bea trixie beatrix beatriz bia bice",
    /* 170 */ "bridget bridie biddy brigitte brigitta brigid brygida gitte",
    /* 171 */ "caroline carol carrie carolina karolina carolyn caro",
    /* 172 */ "cassandra cassie sandy",
    /* 173 */
    "catherine cathy kathy kate katie katy cat kat kathryn katherine kathleen kay \
        kitty kit katharina katarzyna caterina catalina katrina karen katja katya kasia kati \
        trina ekaterina yekaterina katerina kathrin kaitlyn caitlin catrin katyusha catharina \
        toos trijn",
    /* 174 */ "cecilia cece cissy sissy cecile cecylia",
    /* 175 */ "charlotte lottie lotte charlie carlota carlotta",
    /* 176 */
    "christina chris chrissy christine kristina kristine tina cristina kirsten kirsty \
        krystyna kristin stina christa kris",
    /* 177 */ "clara clare claire chiara klara",
    /* 178 */ "concepcion concha conchita",
    /* 179 */ "constance connie constanza costanza",
    /* 180 */ "consuelo chelo",
    /* 181 */ "cynthia cindy",
    /* 182 */ "daniela dani daniella danielle",
    /* 183 */ "deborah deb debbie debra debby",
    /* 184 */ "diana di diane dianne",
    /* 185 */ "dolores lola lolita dolly lolo",
    /* 186 */ "dorothy dot dottie dolly dorothea dorota dora",
    /* 187 */
    "eleanor ellie nell nellie elly leonor eleonora elenore lenore nora ellen elinor",
    /* 188 */
    "elizabeth liz lizzie lizzy beth betty betsy bess bessie eliza elisa lisa liza \
        elise elisabeth isabel elsa else elsie lise lies ilse ella libby elzbieta lili \
        elisabetta ela els elsbeth liesbeth betje",
    /* 189 */ "emily em emmy emilie emilia millie",
    /* 190 */ "emma em emmy",
    /* 191 */ "evelyn eve evie evelina",
    /* 192 */
    "frances fran frannie fanny francesca francoise franziska franca paquita \
        franciszka",
    /* 193 */ "galina galya",
    /* 194 */ "geraldine gerry geri",
    /* 195 */ "gertrude gert gertie trudy trude",
    /* 196 */ "guadalupe lupe lupita",
    /* 197 */ "gwendolyn gwen wendy",
    /* 198 */ "harriet hattie henriette enriqueta henrietta jette",
    /* 199 */
    "helen ellen nell nellie elena helena elaine lena ilona hella eleni lenka \
        lenochka yelena",
    /* 200 */ "irina ira irene irena",
    /* 201 */ "isabel bel bella isa izzy isabella isabelle ysabel",
    /* 202 */ "jacqueline jackie jacky jacquie jaqueline",
    /* 203 */ "jane janie janey jean jeanne jeannie jayne jan jenny",
    /* 204 */ "janet jan jannet janette jeanette jeannette nettie jenny",
    /* 205 */ "janice jan janis",
    /* 206 */ "jennifer jen jenny jenn jennie jenna",
    /* 207 */ "jessica jess jessie jessy",
    /* 208 */
    "joanna jo joan joann joanne johanna juana giovanna joana jojo hanne jana ivana \
        siobhan jeanne janneke asia joasia",
    /* 209 */ "josephine jo josie josefina josefa giuseppina pepa pepita fina josee jozefa",
    /* 210 */ "judith judy jude judit giuditta",
    /* 211 */ "julia julie jules giulia julienne juliette julieta juliana julka",
    /* 212 */ "kimberly kim kimmy",
    /* 213 */ "laura laurie lori laurel lora lauren",
    /* 214 */ "lillian lily lil lilly liliana",
    /* 215 */ "louise lou louisa luisa lulu luise ludwika luiza",
    /* 216 */ "lucy lucie lucia luce luzia",
    /* 217 */ "lyubov lyuba",
    /* 218 */ "lyudmila lyuda mila ludmila",
    /* 219 */ "magdalena magda lena maddie madeleine madeline madelyn magdalene lene madzia",
    /* 220 */
    "margaret maggie meg peggy marge margie margo margot greta gretchen marjorie \
        daisy rita margarita marguerite margherita margarete malgorzata gosia madge maisie \
        mette marketa margaretha grietje greet malgosia",
    /* 221 */
    "maria mary marie mia mimi mariya masha manya molly polly mae marija mariah \
        maryse mari maruja mariela marisa marika maike marusya marysia maryla",
    /* 222 */ "martha marty mattie marta marthe",
    /* 223 */ "matilda tilly tillie mathilde matilde mattie maud",
    /* 224 */ "melanie mel",
    /* 225 */ "melissa mel missy lissa",
    /* 226 */ "mercedes meche merche mercy",
    /* 227 */ "michelle shelly shelley michela micaela michele",
    /* 228 */ "nadezhda nadya nadia",
    /* 229 */ "natalie nat natalia natasha natalya nathalie talia tasha",
    /* 230 */ "nicole nikki nicky nicola nicoletta nicolette colette",
    /* 231 */ "olga olya olenka helga",
    /* 232 */ "olivia liv livvy oliwia",
    /* 233 */ "pamela pam pammy",
    /* 234 */ "patricia pat patty trish tricia patsy patrizia",
    /* 235 */ "pauline paula paulina polly",
    /* 236 */ "penelope penny",
    /* 237 */ "pilar pili",
    /* 238 */ "priscilla prissy cilla",
    /* 239 */ "rebecca becky becca reba rebekah rivka rebekka",
    /* 240 */ "roberta bobbie robbie berta",
    /* 241 */ "rosalind roz rosalinda",
    /* 242 */ "rosario charo chayo",
    /* 243 */ "rosemary rose rosie romy rosmarie",
    /* 244 */ "ruth ruthie",
    /* 245 */ "samantha sam sammy sami",
    /* 246 */ "sarah sara sally sadie sarita sari",
    /* 247 */ "sophia sophie sofia sofie zofia sonia sonya sonja zosia",
    /* 248 */ "stephanie steph stefanie stefania estefania fanny",
    /* 249 */ "susan sue susie suzy susanna susanne suzanne susana zuzana zsuzsanna sanne",
    /* 250 */ "svetlana sveta lana",
    /* 251 */ "tabitha tabby",
    /* 252 */ "tatiana tanya tatyana tatjana",
    /* 253 */ "teresa terri terry tess tessa theresa tracy tessie tereza resi",
    /* 254 */ "theodora dora teddy",
    /* 255 */ "valerie val valeria",
    /* 256 */ "vanessa nessa nessie",
    /* 257 */ "veronica ronnie roni veronika veronique",
    /* 258 */ "victoria vicky vicki tori vittoria viktoria wiktoria",
    /* 259 */ "virginia ginny ginger",
    /* 260 */ "vivian viv vivienne viviana",
    /* 261 */ "wilhelmina mina minnie willa wilma",
    /* 262 */ "winifred winnie freda",
    /* 263 */ "yvonne evonne ivonne",
    /* 264 */ "zoe zoey zoie",
    /* 265 */ "abdullah abdallah abdulla",
    /* 266 */ "abdulrahman abdelrahman abdurrahman",
    /* 267 */ "ahmed ahmad ahmet achmed",
    /* 268 */ "aisha ayesha aysha aishah",
    /* 269 */ "fatima fatma fatimah fatemeh",
    /* 270 */ "hassan hasan",
    /* 271 */ "hussein husain hussain hosein huseyin",
    /* 272 */ "khadija khadijah hatice",
    /* 273 */ "khalid khaled halid",
    /* 274 */ "mariam maryam meryem miriam",
    /* 275 */ "mustafa mostafa moustafa",
    /* 276 */ "omar umar omer",
    /* 277 */ "osman uthman othman usman",
    /* 278 */ "alexei alexey aleksei aleksey alexej alyosha lyosha lyokha lesha alex",
    /* 279 */ "cornelia nel neeltje corrie",
    /* 280 */ "przemyslaw przemek",
    /* 281 */ "zbigniew zbyszek",
    /* 282 */ "slawomir slawek",
    /* 283 */ "miroslaw mirek",
    /* 284 */ "jaroslaw jarek",
    /* 285 */ "radoslaw radek",
    /* 286 */ "tadeusz tadek",
    /* 287 */ "kazimierz kazik",
    /* 288 */ "wladyslaw wladek",
    /* 289 */ "waldemar waldek",
    /* 290 */ "evgenia yevgenia zhenya",
    /* 291 */ "vyacheslav slava",
    /* 292 */ "yaroslav yarik slava",
    /* 293 */ "panagiotis panos",
    /* 294 */ "athanasios thanos thanasis",
    /* 295 */ "evangelos vangelis",
    /* 296 */ "spyridon spyros",
    /* 297 */ "humberto beto",
    /* 298 */ "graciela chela",
    /* 299 */ "soledad sole",
    /* 300 */ "fernanda nanda",
    /* 301 */ "chinedu nedu",
    /* 302 */ "chukwuemeka emeka",
    /* 303 */ "chinonso nonso",
    /* 304 */ "chiamaka amaka",
    /* 305 */ "oluwaseun seun",
    /* 306 */ "oluwafemi femi",
    /* 307 */ "oluwatobi tobi",
    /* 308 */ "olumide mide",
    /* 309 */ "oluwadamilola damilola dami",
    /* 310 */ "adebayo bayo",
    /* 311 */ "babatunde tunde",
    /* 312 */ "olufunmilayo funmilayo funmi",
    /* 313 */ "oluwatoyin toyin",
];

/// Sorted ids of the nickname groups `name` belongs to; empty if it is in none.
///
/// `name` must be normalised like the table: lower-case ASCII, accents folded, a single
/// word (`"bob"`, not `"Bob"` or `"bob smith"`).
#[must_use]
pub fn nickname_groups(name: &str) -> &'static [u16] {
    let index = data::INDEX.as_bytes();
    let name = name.as_bytes();
    // The last sampled entry not after `name`, then the entries up to the next sample.
    let k = SAMPLES.partition_point(|&start| compare(index, usize::from(start), name).0.is_le());
    let Some(&start) = k.checked_sub(1).and_then(|k| SAMPLES.get(k)) else {
        return &[];
    };
    let end = SAMPLES.get(k).map_or(index.len(), |&s| usize::from(s));
    let mut entry = usize::from(start);
    while entry < end {
        let (order, mut i) = compare(index, entry, name);
        match order {
            Ordering::Less => {}
            Ordering::Greater => break,
            Ordering::Equal => return ids(index.get(i..).unwrap_or(&[])),
        }
        // On to the next entry: past the rest of the name, then the number.
        while index.get(i).is_some_and(|&b| b >= b'a') {
            i += 1;
        }
        while index.get(i).is_some_and(|&b| b < b'a') {
            i += 1;
        }
        entry = i;
    }
    &[]
}

/// The groups of the known name that `name`, a name the table does not hold, is a typing
/// error of: one letter added, left out, replaced or two swapped, the first letter kept
/// ("mkie" of `mike`, "tonyy" of `tony`), so that a nickname mistyped is still read as
/// one. Where it is one letter from several known names, the groups they all share, if
/// those are one name's ("jsck": `jack` and `jock`, `jock` being only `john`'s); none when
/// they are not ("dana": `dan`, `dani` and `diana`). Empty too when `name` has fewer than
/// four letters or is in the table.
#[must_use]
pub(crate) fn mistyped_name_groups(name: &str) -> &'static [u16] {
    let bytes = name.as_bytes();
    if bytes.len() < 4
        || !bytes.iter().all(u8::is_ascii_lowercase)
        || !nickname_groups(name).is_empty()
    {
        return &[];
    }
    // The groups of every known name of three letters or more that begins with the same
    // letter and is one edit from `name` (a few at most: more, and `name` is read as none
    // of them).
    let mut near: [&[u16]; 8] = [&[]; 8];
    let mut n = 0;
    let mut overflow = false;
    each_beginning_with(bytes[0], |known, groups| {
        if known.len() >= 3
            && known.len().abs_diff(bytes.len()) <= 1
            && std::str::from_utf8(known).is_ok_and(|k| damerau_osa_bounded(k, name, 1).is_some())
        {
            match near.get_mut(n) {
                Some(slot) => *slot = groups,
                None => overflow = true,
            }
            n += 1;
        }
        !overflow
    });
    if overflow {
        return &[];
    }
    // The groups all of them share, if those are one name's.
    let near = near.get(..n).unwrap_or_default();
    match near.iter().min_by_key(|groups| groups.len()) {
        Some(fewest) if near.iter().all(|g| fewest.iter().all(|x| g.contains(x))) => fewest,
        _ => &[],
    }
}

/// Whether a name of the table that begins with `initial` shares a group with `groups`: "b"
/// for Robert (Bob, Bobby), "l" for Elizabeth (Liz), "n" for Anastasia (Nastya).
#[must_use]
pub(crate) fn nickname_initial(initial: u8, groups: &[u16]) -> bool {
    let mut found = false;
    if !groups.is_empty() {
        each_beginning_with(initial, |_, g| {
            found = g.iter().any(|x| groups.contains(x));
            !found
        });
    }
    found
}

/// Calls `each` with every name of the table that begins with `first` and its groups, in
/// order, while it returns `true`.
fn each_beginning_with(first: u8, mut each: impl FnMut(&[u8], &'static [u16]) -> bool) {
    let index = data::INDEX.as_bytes();
    // From the last sample before the first name that starts with `first`, entry by entry
    // (a name, then its number) to the first name after those.
    let k = SAMPLES.partition_point(|&s| index.get(usize::from(s)).is_some_and(|&b| b < first));
    let mut entry = k
        .checked_sub(1)
        .and_then(|k| SAMPLES.get(k))
        .map_or(0, |&s| usize::from(s));
    while let Some(&initial) = index.get(entry) {
        if initial > first {
            break;
        }
        let mut number = entry;
        while index.get(number).is_some_and(|&b| b >= b'a') {
            number += 1;
        }
        if initial == first {
            let known = index.get(entry..number).unwrap_or_default();
            if !each(known, ids(index.get(number..).unwrap_or_default())) {
                break;
            }
        }
        entry = number;
        while index.get(entry).is_some_and(|&b| b < b'a') {
            entry += 1;
        }
    }
}

/// Compares the name of the entry of `index` that starts at `start` with `name`: the order,
/// and where in `index` they first differ (the start of the entry's number if equal). A byte
/// of the index is a letter of a name if it is at least `a`, else a digit.
fn compare(index: &[u8], start: usize, name: &[u8]) -> (Ordering, usize) {
    let mut i = start;
    loop {
        let letter = index.get(i).filter(|&&b| b >= b'a');
        match (letter, name.get(i - start)) {
            (Some(a), Some(b)) if a == b => i += 1,
            (a, b) => return (a.cmp(&b), i),
        }
    }
}

/// How many entries apart the entries of [`SAMPLES`] are.
const SAMPLE_STEP: usize = 8;

/// The start in `INDEX` of every [`SAMPLE_STEP`]-th entry (computed at compile time), where
/// a lookup starts scanning.
static SAMPLES: [u16; sample_count(data::INDEX.as_bytes())] = samples(data::INDEX.as_bytes());

/// Whether an entry of `index` starts at `i`: a letter after a digit (or at the start).
const fn starts_entry(index: &[u8], i: usize) -> bool {
    index[i] >= b'a' && (i == 0 || index[i - 1] < b'a')
}

/// The length of [`SAMPLES`].
const fn sample_count(index: &[u8]) -> usize {
    let (mut i, mut entries) = (0, 0_usize);
    while i < index.len() {
        if starts_entry(index, i) {
            entries += 1;
        }
        i += 1;
    }
    entries.div_ceil(SAMPLE_STEP)
}

/// [`SAMPLES`].
const fn samples<const N: usize>(index: &[u8]) -> [u16; N] {
    assert!(
        index.len() <= u16::MAX as usize,
        "INDEX is too long for u16 positions"
    );
    let mut samples = [0; N];
    let (mut i, mut entry) = (0, 0);
    while i < index.len() {
        if starts_entry(index, i) {
            if entry % SAMPLE_STEP == 0 {
                samples[entry / SAMPLE_STEP] = i as u16;
            }
            entry += 1;
        }
        i += 1;
    }
    samples
}

/// The group ids at the position in `IDS` written in decimal at the start of `number` (see
/// the module docs); empty if there are none.
fn ids(number: &[u8]) -> &'static [u16] {
    let at = number
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0_usize, |n, d| {
            n.saturating_mul(10).saturating_add(usize::from(d - b'0'))
        });
    if at < data::GROUP_COUNT {
        data::IDS.get(at..=at)
    } else {
        data::IDS
            .get(at..)
            .and_then(<[u16]>::split_first)
            .and_then(|(&len, list)| list.get(..usize::from(len)))
    }
    .unwrap_or(&[])
}

/// Whether `a` and `b` are different names from a common nickname group, such as `bob`
/// and `robert`, `pepe` and `jose`, or `sasha` and `alexander`.
///
/// Identical names are not nicknames of each other (they are an exact match), and unknown
/// names never are. `alexander` and `alexandra` are not nicknames even though `alex`
/// belongs to both groups: the relation is not transitive.
#[must_use]
pub fn are_nicknames(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (mut x, mut y) = (nickname_groups(a), nickname_groups(b));
    // Both are sorted: walk them together.
    while let (Some(&gx), Some(&gy)) = (x.first(), y.first()) {
        if gx == gy {
            return true;
        }
        if gx < gy {
            x = &x[1..];
        } else {
            y = &y[1..];
        }
    }
    false
}

/// The names of group `group` (as returned by [`nickname_groups`]), the canonical name
/// first; empty for an unknown id.
pub fn group_members(group: u16) -> impl Iterator<Item = &'static str> {
    GROUPS
        .get(usize::from(group))
        .copied()
        .unwrap_or("")
        .split_ascii_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The data file, relative to the crate.
    const DATA_FILE: &str = "src/dedup/nicknames_data.rs";

    /// Every name of `GROUPS` with the sorted ids of its groups, sorted by name.
    fn expected_names() -> BTreeMap<&'static str, Vec<u16>> {
        let mut names: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
        for (id, group) in GROUPS.iter().enumerate() {
            let id = u16::try_from(id).expect("fewer than 65536 groups");
            for name in group.split_ascii_whitespace() {
                let ids = names.entry(name).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
        names
    }

    /// The text of `nicknames_data.rs`, generated from `GROUPS` (format: see the module docs).
    fn render() -> String {
        use std::fmt::Write as _;
        let mut ids: Vec<usize> = (0..GROUPS.len()).collect();
        let mut shared: BTreeMap<Vec<u16>, usize> = BTreeMap::new();
        let mut lines = vec![String::new()];
        for (name, groups) in expected_names() {
            let at = match groups[..] {
                [single] => usize::from(single),
                _ => *shared.entry(groups.clone()).or_insert_with(|| {
                    ids.push(groups.len());
                    ids.extend(groups.iter().map(|&g| usize::from(g)));
                    ids.len() - groups.len() - 1
                }),
            };
            let entry = format!("{name}{at}");
            if lines
                .last()
                .is_some_and(|line| line.len() + entry.len() > 90)
            {
                lines.push(String::new());
            }
            lines.last_mut().expect("a line").push_str(&entry);
        }
        assert!(
            ids.iter().all(|&id| u16::try_from(id).is_ok()),
            "IDS does not fit in u16"
        );
        let mut out = String::from(
            "// @generated by `nicknames::tests` from GROUPS (CRM_WRITE_NICKNAMES=1); \
             do not edit. Format: see nicknames.rs.\n",
        );
        let _ = writeln!(
            out,
            "pub(super) const INDEX: &str = \"{}\";",
            lines.join("\\\n    ")
        );
        let _ = writeln!(
            out,
            "pub(super) const GROUP_COUNT: usize = {};",
            GROUPS.len()
        );
        crate::contact::write_array(&mut out, "IDS", "u16", &ids);
        out
    }

    /// Every entry of the index, in order: its name and group ids.
    fn entries() -> Vec<(&'static str, &'static [u16])> {
        let mut entries = vec![];
        let mut rest = data::INDEX;
        while !rest.is_empty() {
            let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
            let (name, tail) = rest.split_at(letters);
            let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
            assert!(letters > 0 && digits > 0, "malformed INDEX at {rest:?}");
            let (number, tail) = tail.split_at(digits);
            entries.push((name, ids(number.as_bytes())));
            rest = tail;
        }
        entries
    }

    #[test]
    fn names_index_matches_groups() {
        // Against the index this test binary was compiled with.
        if !crate::contact::check_generated(
            DATA_FILE,
            include_str!("nicknames_data.rs"),
            &render(),
            "CRM_WRITE_NICKNAMES",
            "CRM_WRITE_NICKNAMES=1 cargo test -p crm-core nicknames",
        ) {
            return;
        }
        let actual: Vec<(&str, Vec<u16>)> = entries()
            .into_iter()
            .map(|(n, g)| (n, g.to_vec()))
            .collect();
        let wanted: Vec<(&str, Vec<u16>)> = expected_names().into_iter().collect();
        assert_eq!(actual, wanted);
    }

    /// Every name of every group resolves to exactly the groups that contain it.
    #[test]
    fn every_member_resolves_to_its_groups() {
        let ids = || (0..GROUPS.len()).map(|g| u16::try_from(g).expect("fewer than 65536 groups"));
        for id in ids() {
            for name in group_members(id) {
                let containing: Vec<u16> = ids()
                    .filter(|&g| group_members(g).any(|m| m == name))
                    .collect();
                assert!(containing.contains(&id));
                assert_eq!(nickname_groups(name), containing, "{name} (group {id})");
            }
        }
    }

    /// Strings around every name (its prefixes, and it with a byte appended) resolve like a
    /// lookup in a map built from `GROUPS`: misses fall between any two entries, at samples
    /// and between them.
    #[test]
    fn lookups_match_a_map_of_groups() {
        let names = expected_names();
        let mut probes: Vec<String> = vec![String::new(), "zzzz".into(), "0".into()];
        for name in names.keys() {
            probes.extend((1..name.len()).map(|end| name[..end].to_string()));
            for suffix in ["a", "z", "0", "9", " ", "{", "é"] {
                probes.push(format!("{name}{suffix}"));
            }
        }
        for probe in &probes {
            let expected = names.get(probe.as_str()).map_or(&[][..], Vec::as_slice);
            assert_eq!(nickname_groups(probe), expected, "{probe:?}");
        }
    }

    /// A known name mistyped gives that name's groups: against a search of every name of
    /// `GROUPS`, for every name with each of its letters after the first left out, doubled,
    /// replaced by another letter and swapped with the next one.
    #[test]
    fn mistyped_names_resolve_like_a_search_of_the_table() {
        let names = expected_names();
        let expected = |probe: &str| -> Vec<u16> {
            let first = probe.as_bytes()[0];
            if probe.len() < 4 || names.contains_key(probe) {
                return Vec::new();
            }
            let near: Vec<&Vec<u16>> = names
                .iter()
                .filter(|(name, _)| {
                    name.len() >= 3
                        && name.as_bytes()[0] == first
                        && name.len().abs_diff(probe.len()) <= 1
                        && damerau_osa_bounded(name, probe, 1) == Some(1)
                })
                .map(|(_, groups)| groups)
                .collect();
            // The fewest groups, where they are among every other name's.
            match near.iter().min_by_key(|g| g.len()) {
                Some(fewest) if near.iter().all(|o| fewest.iter().all(|g| o.contains(g))) => {
                    fewest.to_vec()
                }
                _ => Vec::new(),
            }
        };
        let mut checked = 0;
        for name in names.keys() {
            let b = name.as_bytes();
            for i in 1..b.len() {
                let mut variants = vec![
                    [&b[..i], &b[i + 1..]].concat(),
                    [&b[..=i], &b[i..]].concat(),
                    [&b[..i], &[b[i] % 26 + b'a'], &b[i + 1..]].concat(),
                ];
                if i + 1 < b.len() {
                    variants.push([&b[..i], &[b[i + 1], b[i]], &b[i + 2..]].concat());
                }
                for variant in variants {
                    let probe = String::from_utf8(variant).expect("ASCII");
                    assert_eq!(mistyped_name_groups(&probe), expected(&probe), "{probe}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn mistyped_nicknames() {
        for (typed, name) in [
            ("mkie", "mike"),
            ("tonyy", "tony"),
            ("jsck", "jock"),
            ("andfy", "andy"),
        ] {
            assert!(!mistyped_name_groups(typed).is_empty(), "{typed}");
            assert_eq!(
                mistyped_name_groups(typed),
                nickname_groups(name),
                "{typed}"
            );
        }
        // Known names, short ones, another first letter, names of several groups' known
        // names, and names in other scripts or with capitals are not read as mistyped.
        for name in [
            "mike", "jon", "xike", "dana", "miek", "jöey", "Miek", "ab cd",
        ] {
            assert_eq!(mistyped_name_groups(name), &[] as &[u16], "{name}");
        }
    }

    /// An initial is a nickname's when a name of the table that begins with it shares a
    /// group: against a search of every name of `GROUPS`, for every letter and group.
    #[test]
    fn nickname_initials_resolve_like_a_search_of_the_table() {
        let names = expected_names();
        for group in 0..u16::try_from(GROUPS.len()).expect("fewer than 65536 groups") {
            for initial in b'a'..=b'z' {
                let expected = names
                    .iter()
                    .any(|(name, groups)| name.as_bytes()[0] == initial && groups.contains(&group));
                assert_eq!(
                    nickname_initial(initial, &[group]),
                    expected,
                    "{initial} {group}"
                );
            }
        }
        assert!(nickname_initial(b'b', nickname_groups("robert")));
        assert!(!nickname_initial(b'x', nickname_groups("robert")));
        assert!(!nickname_initial(b'b', &[]));
    }

    #[test]
    fn table_is_sorted_and_normalised() {
        let names = entries();
        assert!(
            names.windows(2).all(|w| w[0].0 < w[1].0),
            "names not strictly sorted"
        );
        for &(name, ids) in &names {
            assert!(
                !name.is_empty() && name.bytes().all(|c| c.is_ascii_lowercase()),
                "{name:?}"
            );
            assert!(!ids.is_empty(), "{name:?} has no group");
            assert!(
                ids.windows(2).all(|w| w[0] < w[1]),
                "{name:?}: ids not sorted"
            );
            assert!(ids.iter().all(|&g| usize::from(g) < GROUPS.len()));
        }
        for (id, group) in GROUPS.iter().enumerate() {
            let names: Vec<&str> = group.split_ascii_whitespace().collect();
            assert!(names.len() >= 2, "group {id} has a single name");
            // The index finds the end of a name at a space.
            assert_eq!(*group, names.join(" "), "group {id}: not single spaces");
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "group {id} repeats a name");
            let canonical = names[0];
            assert!(
                GROUPS[..id]
                    .iter()
                    .all(|g| g.split_ascii_whitespace().next() != Some(canonical)),
                "two groups are named {canonical:?}"
            );
        }
        assert!(names.len() >= 1000, "{} names", names.len());
    }

    #[test]
    fn known_nicknames() {
        let pairs = [
            ("bob", "robert"),
            ("robbie", "rob"),
            ("bobby", "robert"),
            ("liz", "elizabeth"),
            ("beth", "elizabeth"),
            ("betty", "eliza"),
            ("lisa", "elizabeth"),
            ("bill", "william"),
            ("liam", "william"),
            ("willy", "bill"),
            ("peggy", "margaret"),
            ("maggie", "meg"),
            ("dick", "richard"),
            ("rick", "rich"),
            ("jim", "james"),
            ("jimmy", "jim"),
            ("chuck", "charles"),
            ("charlie", "charles"),
            ("charlie", "charlotte"),
            ("kate", "katherine"),
            ("catherine", "katherine"),
            ("kathy", "catherine"),
            ("katie", "kate"),
            ("tony", "anthony"),
            ("alex", "alexander"),
            ("alex", "alexandra"),
            ("chris", "christopher"),
            ("chris", "christine"),
            ("chris", "christina"),
            ("sam", "samuel"),
            ("sam", "samantha"),
            ("jen", "jennifer"),
            ("jenny", "jennifer"),
            ("jo", "joanna"),
            ("jo", "josephine"),
            // German, Dutch
            ("hans", "johannes"),
            ("hans", "john"),
            ("sepp", "josef"),
            ("fritz", "friedrich"),
            ("kees", "cornelis"),
            ("wim", "willem"),
            ("jaap", "jacob"),
            ("henk", "hendrik"),
            // French, Spanish, Portuguese, Italian
            ("jean", "john"),
            ("pepe", "jose"),
            ("paco", "francisco"),
            ("lola", "dolores"),
            ("nacho", "ignacio"),
            ("memo", "guillermo"),
            ("joao", "john"),
            ("beppe", "giuseppe"),
            ("gianni", "giovanni"),
            ("guillaume", "william"),
            // Russian, Polish
            ("sasha", "alexander"),
            ("sasha", "alexandra"),
            ("misha", "mikhail"),
            ("dima", "dmitry"),
            ("kuba", "jakub"),
            ("kasia", "katarzyna"),
            ("gosia", "malgorzata"),
            ("natasha", "natalia"),
            // Arabic
            ("mohammed", "muhammad"),
            ("yusuf", "joseph"),
        ];
        for (a, b) in pairs {
            assert!(are_nicknames(a, b), "{a} / {b}");
            assert!(are_nicknames(b, a), "{b} / {a} (symmetry)");
        }
    }

    #[test]
    fn not_nicknames() {
        let pairs = [
            ("bob", "bob"),
            ("robert", "robert"),
            ("alexander", "alexandra"),
            ("christopher", "christina"),
            ("samuel", "samantha"),
            ("robert", "william"),
            ("john", "james"),
            ("mary", "margaret"),
            ("bob", "bill"),
            ("kate", "karl"),
            ("smith", "smyth"),
            ("unknownname", "robert"),
            ("", ""),
            ("", "bob"),
            ("Bob", "robert"),
            ("bob ", "robert"),
            ("иван", "ivan"),
        ];
        for (a, b) in pairs {
            assert!(!are_nicknames(a, b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn groups_lookup() {
        assert!(nickname_groups("zzzz").is_empty());
        assert!(nickname_groups("").is_empty());
        assert!(nickname_groups("alex").len() >= 2);
        assert!(nickname_groups("chris").len() >= 3);
        assert!(nickname_groups("jan").len() >= 2);
        let robert = nickname_groups("robert");
        assert_eq!(robert.len(), 1);
        let members: Vec<&str> = group_members(robert[0]).collect();
        assert_eq!(members.first(), Some(&"robert"));
        assert!(members.contains(&"bob"));
        assert_eq!(group_members(u16::MAX).count(), 0);
        // Every name is a member of each of its groups.
        for (name, ids) in entries() {
            for &id in ids {
                assert!(
                    group_members(id).any(|m| m == name),
                    "{name} not in group {id}"
                );
            }
        }
    }
}
