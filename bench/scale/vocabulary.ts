const words = (text: string): string[] => text.trim().split(/\s+/);
const phrases = (text: string): string[] =>
  text
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);

/** First names, combined with surnames into a few thousand distinct people. */
export const FIRST_NAMES = words(`
  Maya Jonas Ines Priya Tom Aiko Carlos Leila Noor Sven Caroline Melanie Jolene Deborah Audrey Andrew Evan Sam Nate Joanna
  Oliver Amelia Liam Emma Noah Olivia Elijah Ava James Sophia William Isabella Benjamin Mia Lucas Charlotte Henry Harper
  Alexander Evelyn Daniel Abigail Matthew Emily Joseph Elizabeth David Sofia Jackson Ella Sebastian Scarlett Aiden Grace
  Owen Chloe Samuel Victoria Ryan Riley Nathan Aria Leo Lily Isaac Aurora Gabriel Zoey Julian Nora Anthony Hannah Dylan
  Layla Lincoln Zoe Jaxon Stella Asher Hazel Christopher Ellie Joshua Paisley Ezra Audrey Thomas Skylar Charles Violet
  Caleb Claire Isaiah Bella Josiah Lucy Hudson Anna Hunter Samantha Miles Caroline Eli Genesis Adrian Aaliyah Jonathan
  Kennedy Nolan Kinsley Jeremiah Allison Easton Maya Elias Sarah Colton Madelyn Cameron Adeline Carson Alexa Robert Ariana
  Angel Elena Maverick Gabriella Nicholas Naomi Dominic Alice Jaxson Sadie Greyson Hailey Austin Eva Axel Emilia Ian Autumn
  Adam Quinn Jordan Nevaeh Cooper Piper Xavier Ruby Jose Serenity Jace Willow Everett Everly Declan Cora Evan Kaylee Kayden
  Lydia Parker Aubree Wesley Arianna Kai Eliana Brandon Peyton Bryson Melanie Weston Gianna Jason Isabelle Emmett Julia
  Sawyer Valentina Silas Nova Bennett Clara Brooks Vivian Micah Reagan Damian Mackenzie Harrison Madeline Waylon Brielle
  Ayden Delilah Vincent Isla Ryder Rylee Kingston Katherine Rowan Sophie George Josephine Luis Ivy Chase Liliana Cole Jade
  Nathaniel Maria Zachary Taylor Ashton Hadley Braxton Kylie Gavin Emery Tyler Adalynn Diego Natalie Leonardo Annabelle
  Carter Faith Giovanni Alexandra Mateo Ximena Jayden Ashley Finn Brianna Hiro Yuki Kenji Sakura Ravi Anika Arjun Meera
  Omar Fatima Yusuf Amira Tariq Zainab Kwame Ama Kofi Abena Mateus Luana Thiago Camila Pavel Olga Dmitri Irina Lars Freya
  Bjorn Astrid Pierre Amelie Marco Giulia Paolo Chiara Hans Greta Klaus Heidi Sean Siobhan Connor Niamh Wei Mei Jun Lian
`);

/** Surnames. */
export const SURNAMES = words(`
  Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas
  Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King
  Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
  Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
  Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz
  Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman
  Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin
  Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens
  Tanaka Suzuki Sato Yamamoto Kowalski Novak Jensen Larsen Schmidt Schneider Rossi Russo Dubois Moreau Silva Santos Okafor
`);

/** Cities and places. */
export const PLACES = words(`
  Lisbon Kyoto Berlin Paris London Madrid Rome Vienna Prague Budapest Warsaw Oslo Stockholm Helsinki Copenhagen Dublin Edinburgh
  Glasgow Manchester Liverpool Amsterdam Rotterdam Brussels Antwerp Zurich Geneva Munich Hamburg Cologne Frankfurt Milan Naples
  Florence Venice Barcelona Seville Valencia Porto Athens Istanbul Cairo Marrakesh Nairobi Lagos Accra Johannesburg Capetown
  Dubai Mumbai Delhi Bangalore Chennai Kolkata Bangkok Hanoi Singapore Jakarta Manila Seoul Busan Tokyo Osaka Beijing Shanghai
  Sydney Melbourne Brisbane Perth Auckland Wellington Toronto Montreal Vancouver Calgary Boston Chicago Denver Seattle Portland
  Austin Dallas Houston Phoenix Atlanta Miami Orlando Nashville Memphis Detroit Cleveland Pittsburgh Philadelphia Baltimore
  Richmond Charlotte Raleigh Minneapolis Milwaukee Omaha Albuquerque Tucson Sacramento Oakland Honolulu Anchorage Havana
  Lima Bogota Quito Santiago Buenos Aires Montevideo Caracas Mexico Guadalajara Monterrey Reykjavik Tallinn Riga Vilnius
`);

/** Activities as "past-tense phrase; base phrase" pairs, so sentences and questions can both be built. */
export const ACTIVITIES = phrases(`
  started a pottery class|take a pottery class; ran a half marathon|run a half marathon; adopted a greyhound|adopt a greyhound;
  learned the cello|learn the cello; planted tomatoes|plant tomatoes; booked a trip|book a trip; changed jobs|change jobs;
  baked sourdough bread|bake sourdough bread; joined a choir|join a choir; went camping|go camping; painted a mural|paint a mural;
  read a mystery novel|read a mystery novel; visited the museum|visit the museum; climbed a mountain|climb a mountain;
  went to a concert|go to a concert; watched a documentary|watch a documentary; fixed the bicycle|fix the bicycle;
  repaired the roof|repair the roof; signed up for yoga|sign up for yoga; started a podcast|start a podcast;
  wrote a short story|write a short story; practiced the guitar|practice the guitar; went fishing|go fishing;
  went sailing|go sailing; tried rock climbing|try rock climbing; hosted a dinner party|host a dinner party;
  volunteered at the shelter|volunteer at the shelter; coached the soccer team|coach the soccer team;
  attended a wedding|attend a wedding; celebrated a birthday|celebrate a birthday; moved into a new apartment|move into a new apartment;
  bought a used car|buy a used car; sold the old piano|sell the old piano; knitted a scarf|knit a scarf;
  built a bookshelf|build a bookshelf; learned to swim|learn to swim; took a photography course|take a photography course;
  went hiking|go hiking; went skiing|go skiing; went surfing|go surfing; played chess|play chess; played tennis|play tennis;
  played basketball|play basketball; studied Spanish|study Spanish; studied Japanese|study Japanese; passed the driving test|pass the driving test;
  interviewed for a nursing job|interview for a nursing job; got a promotion|get a promotion; opened a bakery|open a bakery;
  adopted a kitten|adopt a kitten; planted a vegetable garden|plant a vegetable garden; organized a charity run|organize a charity run;
  finished a jigsaw puzzle|finish a jigsaw puzzle; gave a talk at the library|give a talk at the library; went to the dentist|go to the dentist;
  renovated the kitchen|renovate the kitchen; joined a book club|join a book club; went birdwatching|go birdwatching;
  learned to dance salsa|learn to dance salsa; rode a horse|ride a horse; visited grandparents|visit grandparents;
  entered a baking contest|enter a baking contest; won a chess tournament|win a chess tournament; lost a wallet|lose a wallet;
  found a stray dog|find a stray dog; started therapy|start therapy; quit smoking|quit smoking; ran for the city council|run for the city council;
  taught a coding workshop|teach a coding workshop; launched a website|launch a website; recorded an album|record an album;
  went to an art show|go to an art show; drew a comic|draw a comic; made a quilt|make a quilt; brewed beer|brew beer;
  went kayaking|go kayaking; went on a road trip|go on a road trip; took a cooking class|take a cooking class;
  joined a gym|join a gym; walked the dog|walk the dog; cleaned the garage|clean the garage; painted the fence|paint the fence
`).map((pair) => {
  const [past, base] = pair.split("|");
  return { past: past!.trim(), base: base!.trim() };
});

/** Foods and drinks. */
export const FOODS = phrases(`
  pancakes; lasagna; ramen; sushi; tacos; paella; curry; dumplings; falafel; hummus; goulash; pizza; risotto; pho; kimchi;
  burritos; croissants; bagels; waffles; oatmeal; granola; salmon; tofu; lentil soup; tomato soup; apple pie; cheesecake;
  tiramisu; baklava; gelato; chocolate cake; banana bread; carrot cake; green tea; espresso; lemonade; mango smoothie;
  pad thai; fish and chips; shepherd's pie; moussaka; ratatouille; empanadas; ceviche; jollof rice; injera; couscous;
  bibimbap; tempura; udon; nachos; quesadillas; cornbread; gumbo; jambalaya; pierogi; borscht; schnitzel; pretzels
`);

/** Relations, feelings and other filler words that make sentences read like conversation. */
export const RELATIONS = words(`
  friend sister brother cousin neighbour colleague mother father aunt uncle daughter son grandmother grandfather roommate
  boss teacher coach partner wife husband niece nephew classmate mentor
`);

/** Feelings and judgements. */
export const FEELINGS = words(`
  happy proud nervous excited tired relieved grateful anxious thrilled calm curious surprised disappointed hopeful
`);

/** Month names. */
export const MONTHS = words(`January February March April May June July August September October November December`);

/** Weekdays. */
export const WEEKDAYS = words(`Monday Tuesday Wednesday Thursday Friday Saturday Sunday`);
