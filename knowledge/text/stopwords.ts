// English stopwords: function words and question scaffolding that carry no topic
// ("how much is it", "can I", "do you"). Topic words such as "open", "price", "book"
// are deliberately NOT here: they are what a lead's question is about.
const WORDS = `
a about above after again against all am an and any are aren as at be because been before
being below between both but by can cannot could couldn did didn do does doesn doing don
down during each few for from further had hadn has hasn have haven having he her here hers
herself him himself his how i if in into is isn it its itself just let me might more most
mustn my myself need no nor not now of off on once only or other ought our ours ourselves
out over own please same shan she should shouldn so some such than thank thanks that the
their theirs them themselves then there these they this those through to too under until
up very was wasn we were weren what when where which while who whom why will with won would
wouldn you your yours yourself yourselves hi hello hey ok okay also get got just really s t
d ll m re ve y im id ive youre dont doesnt cant wont isnt arent whats hows anything something
somewhere anywhere someone anyone everything thing things much many lot lots
u ur r pls plz wanna gonna would like
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
