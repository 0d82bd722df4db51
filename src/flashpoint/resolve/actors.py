"""Noun phrase -> coded actors: "Pakistan's military" -> PAKMIL, "Tehran" -> IRN, "Jaish al-Adl" -> the group,
"Iranian security forces" -> IRNCOP, "both sides" -> the article's two main countries.

The rules, in the order they are tried for each head noun (and for each of its conjuncts):
1. A pronoun stands for an actor already named: the subject of the verb that governs its clause ("Both sides
   have indicated that they ..."); for the subject of a sentence's main clause, the previous sentence's subject
   where it agrees in number ("X had a call with Y. He then talked with Z": X); else the most recent actor.
2. A collective pair ("both sides", "the two countries") stands for the two countries mentioned most so far.
3. A name the actor dictionary knows (an entity the parser or Flashpoint's entity ruler marked, or the whole
   phrase: "the international community"): its country, sector, and id for groups and IGOs.
4. A sector phrase at the head ("Foreign Ministry", "security forces", "militants") or as a modifier
   ("militant hideouts"), with the country taken from a possessive, a demonym or name before the head, an
   "of X" phrase, or, for recipients, an "in X" phrase ("hideouts in Iran").
5. A person the article places elsewhere ("Thai Acting Prime Minister Phumtham Wechayachai", "Hun Manet,
   Cambodia's prime minister") is that country's wherever the article names them again without a country
   ("Acting Prime Minister Phumtham Wechayachai", "Phumtham"); a titled person still unplaced serves the country
   the article is about.
A phrase that yields neither a country nor a sector nor a known name is not an actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..dictionaries.actors import ActorDictionary, ActorEntry
from ..dictionaries.cues import Cues, load_cues
from ..model import Actor
from ..nlp.syntax import is_passive, subject_of, token_lemma

# Pronouns and the prepositions below are data: cues/argument_words.tsv, kinds "pronoun", "place_prep", "home_prep".
PRONOUNS = load_cues().words("pronoun")
PERSONAL_POSSESSIVES = load_cues().words("personal_possessive")  # his, her: one person's (argument_words kind)
SPEAKER_PRONOUNS = load_cues().words("speaker_pronoun")  # we, I: whoever speaks a quotation (argument_words kind)
# Country modifiers found on a head noun, and prepositions whose object lends its country.
_MODIFIER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod"}
_OF_PREPS = {"of", "from"}
_PLACE_PREPS = load_cues().words("place_prep")
# A people counted or qualified ("thousands of Iraqi Kurds", "ethnic Albanians", "young Algerians") is a
# population, coded as civilians; a bare "the Palestinians" may stand for their side and gets no sector.
POPULATION_SECTOR = "CVL"
# The institutions a country has one of: "the government" (or army, police, parliament, courts, opposition) of an
# article that names one country as its place is that country's.
NATIONAL_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "OPP"})
# A capital acting ("Washington said") is its government, as CAMEO codes it.
CAPITAL_SECTOR = "GOV"
STATE_VOICES = frozenset({"GOV", "MIL"})  # a state's government and forces: an official's "we" is the state
GOVERNMENT_SECTOR = "GOV"  # a country's own body that bears an IGO's name ("Armenia's Security Council")
# Who held an office ("former president Carlos Menem", "Arnor's former security officials") is one of the
# elites, as CAMEO codes former officials; the words that say so are the cue table's "former_office".
ELITE_SECTOR = "ELI"
# Where a pronoun is an object: it never stands for the subject of its own clause.
_OBJECT_PRONOUN_DEPS = frozenset({"dobj", "obj", "dative", "iobj", "pobj"})
# Passive verbs whose subject is the speaker of what follows: "X was quoted as saying he ...".
_QUOTED = frozenset({"quote", "cite", "report"})
_NAME_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}


@dataclass
class ActorContext:
    """What the article has said so far: countries by mention count, the last actors named."""

    dictionary: ActorDictionary
    cues: Cues
    country_mentions: list[tuple[int, str]] = field(default_factory=list)  # (token index, ISO3) in text order
    recent: list[tuple[int, Actor]] = field(default_factory=list)
    # Countries named as a place or a modifier ("in Abidjan", "Ugandan opposition"), not as a party acted on
    # ("action against Russia"): where the article's untitled-country people most likely belong.
    home_mentions: list[tuple[int, str]] = field(default_factory=list)
    # The country of each token the geoparser resolved as a literal place ("Sindh", "Darfur"), by token index.
    place_countries: dict[int, str] = field(default_factory=dict)
    # The countries of the act's actors while its recipients are resolved: "France urged both sides to show
    # restraint" asks the two countries of the conflict, never France itself.
    acting: frozenset[str] = frozenset()
    # People the article places somewhere: each of their names (whole, first word, last word, lower case) ->
    # (country, sector), for the times it names them again without saying where they are from.
    people: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # The one country whose embassy or consulate the article names ("Iran's consulate in Damascus"), for the
    # times it names the mission again without its country ("the consulate building"); None when it names none
    # or several.
    mission_country: str | None = None

    def count_countries(self, doc) -> None:
        """Note every country the article names (names, capitals, demonyms), for collective pairs."""
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "NORP", "LOC"):
                continue
            entry = self.dictionary.lookup(ent.text)
            if entry and entry.kind in ("country", "capital", "demonym", "metonym") and entry.country:
                self.country_mentions.append((ent.start, entry.country))
                if _names_a_home(ent.root):
                    self.home_mentions.append((ent.start, entry.country))

    def main_countries(self, before: int, n: int = 2) -> list[str]:
        counts = Counter(c for i, c in self.country_mentions if i < before)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], min(i for i, c in self.country_mentions
                                                                   if c == kv[0])))
        return [c for c, _ in ranked[:n]]

    def article_country(self) -> str | None:
        """The country the article names most as a place or modifier (ties: the first named), or None."""
        counts = Counter(c for _, c in self.home_mentions)
        if not counts:
            return None
        first = {c: i for i, c in reversed(self.home_mentions)}
        return min(counts, key=lambda c: (-counts[c], first[c]))

    def learn_people(self, doc) -> None:
        """Note every person the article places by a country before or in apposition to the name ("Thai Acting
        Prime Minister Phumtham Wechayachai", "Hun Manet, Cambodia's prime minister"), so that a later "Acting
        Prime Minister Phumtham Wechayachai" or "Phumtham" is that country's, as a reader takes it. A name given
        two countries in the article (two people sharing a surname) places no one."""
        found: dict[str, set[tuple[str, str | None]]] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            head = ent.root
            titled = [head] + [c for c in head.children if c.dep_ == "appos"]
            if head.dep_ == "appos":
                titled.append(head.head)
            for token in titled:
                country = _modifier_country(token, self.dictionary, self.cues, places=False)
                if country:
                    sector = _sector_of(token, self.dictionary)[0] or _sector_of(head, self.dictionary)[0]
                    for key in _name_keys(ent):
                        found.setdefault(key, set()).add((country, sector))
                    break
        self.people = {key: next(iter(v)) for key, v in found.items() if len({c for c, _ in v}) == 1}

    def learn_missions(self, doc) -> None:
        """Note the country of every embassy or consulate the article names with its country: when it is one
        country, a mission named again without one is that country's, as a reader takes it."""
        countries = set()
        for token in doc:
            if token.pos_ != "NOUN" or _sector_of(token, self.dictionary)[1] != MISSION_ROLE:
                continue
            country = _modifier_country(token, self.dictionary, self.cues, places=False)
            if country:
                countries.add(country)
        self.mission_country = countries.pop() if len(countries) == 1 else None

    def placed_person(self, span) -> tuple[str, str | None] | None:
        """(country, sector) of a person the article placed earlier or later, by the whole name or one word of it."""
        for key in _name_keys(span):
            if key in self.people:
                return self.people[key]
        return None

    def remember(self, token: Token, actors: list[Actor]) -> None:
        for actor in actors:
            self.recent.append((token.i, actor))


_HOME_PREPS = load_cues().words("home_prep")
_PART_PREPS = load_cues().words("part_preposition")


def _name_keys(span) -> list[str]:
    """The keys a person is found by: the whole name, then its last and first words (capitalised words only:
    "Phumtham Wechayachai" -> "phumtham wechayachai", "wechayachai", "phumtham")."""
    words = [t for t in span if t.is_alpha and t.text[:1].isupper()]
    keys = [" ".join(t.lower_ for t in words)] if words else []
    if len(words) > 1:
        keys += [words[-1].lower_, words[0].lower_]
    return keys



def _names_a_home(token: Token) -> bool:
    """A country mention that places something ("in Haiti", "Zambian people", "Kenya's police"), as opposed
    to a country that is itself a party ("sanctions against Russia", "Iran said")."""
    if token.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _HOME_PREPS


def _entity_span(token: Token) -> Span | None:
    """The named entity the token is in, found from its IOB tags (not by scanning ``doc.ents``)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _phrase_tokens(head: Token) -> list[Token]:
    """The head with its compounds and adjectives, theirs included, in text order ("Foreign Ministry",
    "security forces", "human rights activists" where "human" modifies "rights")."""
    mods: list[Token] = []
    stack = [c for c in head.lefts if c.dep_ in ("compound", "amod")]
    while stack:
        token = stack.pop()
        mods.append(token)
        stack.extend(c for c in token.lefts if c.dep_ in ("compound", "amod"))
    return sorted(mods + [head], key=lambda t: t.i)


def _sector_keys(words: list[Token], dictionary: ActorDictionary) -> tuple[str, ...]:
    text = " ".join(t.text for t in words)
    return (text, " ".join(t.lemma_ for t in words)) if dictionary.sector_lemmas else (text,)


# The role data/actors/sectors.tsv gives a diplomatic mission's premises ("embassy", "consulate"): a mission is its
# sending country's, never the country it stands in.
MISSION_ROLE = "embassy"
DIPLOMAT_ROLE = "diplomat"  # data/actors/sectors.tsv: an ambassador or envoy

def _sector_of(head: Token, dictionary: ActorDictionary) -> tuple[str | None, str | None]:
    """(sector, role) from the longest sector phrase ending at the head, else from a modifier."""
    phrase = _phrase_tokens(head)
    # "Ministry of Foreign Affairs", "Minister of Silly Walks": a sector phrase may go on through "of"
    extended = [phrase + [prep] + _phrase_tokens(obj) for prep in head.children
                if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == head.i + 1
                for obj in prep.children if obj.dep_ == "pobj"]
    for tokens in (*extended, phrase):
        for start in range(len(phrase)):
            words = tokens[start:]
            for text in _sector_keys(words, dictionary):
                entry = dictionary.sector(text)
                if entry:
                    return entry.sector, entry.role
    for mod in phrase[:-1]:
        if _against(mod) and not dictionary.petrarch_phrases:
            continue
        entry = next(filter(None, (dictionary.sector(k) for k in _sector_keys([mod], dictionary))), None)
        if entry:
            return entry.sector, entry.role
    if head.pos_ == "PROPN":
        # A title before a name, nested or abbreviated: "Lt. Gen. Prosper Avril", "Col. X", "Gen. X".
        for mod in _title_tokens(head):
            entry = dictionary.sector(mod.text) or dictionary.sector(mod.text.rstrip("."))
            if entry:
                return entry.sector, entry.role
    return None, None


def _title_tokens(head: Token) -> list[Token]:
    """The proper-noun compounds before a name, nested ones included, nearest first ("Gen." and "Lt" in
    "Lt. Gen. Prosper Avril", which the parser chains compound to compound)."""
    found: list[Token] = []
    stack = [c for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ in ("compound", "amod", "punct") and c.i < token.i)
    return sorted(found, key=lambda t: -t.i)


def _country_entry(token: Token, dictionary: ActorDictionary) -> ActorEntry | None:
    span = _entity_span(token)
    for text in ([span.text] if span is not None else []) + [token.text]:
        entry = dictionary.lookup(text)
        if entry is not None:
            return entry
    return None


def _left_modifiers(head: Token, dictionary: ActorDictionary) -> list[Token]:
    """Possessives, adjectives and compounds before the head, nested ones included ("Chinese" in "Chinese
    President Xi Jinping"), nearest first; not those the phrase is against ("anti-Syria journalist"), unless
    phrases are read as PETRARCH reads them."""
    found: list[Token] = []
    for child in sorted((c for c in head.children if c.dep_ in _MODIFIER_DEPS and c.i < head.i),
                        key=lambda c: -c.i):
        if _against(child) and not dictionary.petrarch_phrases:
            continue
        found.append(child)
        found.extend(_left_modifiers(child, dictionary))
    return found


def _against(token: Token) -> bool:
    """"anti-Syria", "anti-government", "anti- Iranian": a word the phrase is against, which neither places
    nor sorts it (an anti-government protester is no official)."""
    doc = token.doc
    before = [doc[i].lower_ for i in range(max(0, token.i - 2), token.i)]
    return before[-1:] == ["anti"] or before[-1:] == ["anti-"] or before == ["anti", "-"]


def _modifier_group(head: Token, dictionary: ActorDictionary) -> ActorEntry | None:
    """"Hamas positions", "Taliban fighters": a named group or IGO before the head acts through it."""
    for child in _left_modifiers(head, dictionary):
        entry = _country_entry(child, dictionary)
        if entry and entry.kind in ("group", "igo"):
            return entry
    return None


_ASIDE_DEPS = frozenset({"appos", "acl", "relcl", "conj", "cc", "advcl"})


def _of_group(head: Token, dictionary: ActorDictionary) -> ActorEntry | None:
    """"the leaders of the Group of Seven", "fighters of the Islamic State": people of a named group or IGO (an
    "of" or "from" phrase after a sector word) act for it, as "G7 leaders" do."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _PART_PREPS:
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                entry = _country_entry(obj, dictionary)
                if entry is not None and entry.kind not in ("group", "igo"):
                    continue  # "the government of Armenia, a CSTO member": the country's
                # the longest run of the phrase's own words the dictionary knows ("the Group of Seven advanced
                # nations": "Group of Seven"), not those of an apposition or clause on it
                aside = {t.i for c in obj.children if c.dep_ in _ASIDE_DEPS for t in c.subtree}
                words = [t.text for t in obj.subtree if t.dep_ not in ("det", "punct") and t.i not in aside][:12]
                for size in range(len(words), 0, -1):
                    for start in range(len(words) - size + 1):
                        entry = dictionary.lookup(" ".join(words[start:start + size]))
                        if entry is not None and entry.kind in ("group", "igo"):
                            return entry
    return None


def _modifier_countries(head: Token, dictionary: ActorDictionary, cues: Cues) -> list[str]:
    """Every country named before the head by a possessive, demonym or name, with its conjuncts ("Hungarian
    and Romanian officials" -> HUN, ROU); the nearest first. The words of a name whose words stand apart
    ("Ithilen state-run television") are the name's, not a country's."""
    if dictionary.lookup_disconnected([t.text for t in _phrase_tokens(head)]) is not None:
        return []
    for child in _left_modifiers(head, dictionary):
        entry = _country_entry(child, dictionary)
        if entry and entry.kind == "demonym" and _ethnic(child, cues):
            continue  # "ethnic Albanian guerrillas" in Macedonia are no Albanian force
        if entry and entry.country:
            found = [entry.country]
            for other in child.conjuncts:
                other_entry = _country_entry(other, dictionary)
                if other_entry and other_entry.country and other_entry.country not in found \
                        and other_entry.kind != "group":
                    found.append(other_entry.country)
            return found
    return []


def _place_country(head: Token, dictionary: ActorDictionary, cues: Cues, *, strict: bool = False) -> str | None:
    """The country of an "in X" / "of X" phrase after the head ("Rebels in the Ivory Coast", "Albanians of
    southern Serbia"), also through a participle ("guerrillas operating in Macedonia", "troops based in
    Qatar"); ``strict``: only X itself, not a modifier of it ("the Israeli-occupied West Bank")."""
    participles = [c for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") and c.i > head.i]
    for child in [*head.children, *(g for p in participles for g in p.children)]:
        if child.dep_ == "prep" and child.lower_ in (_PLACE_PREPS | {"of"} if child.head.i == head.i else _PLACE_PREPS):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    entry = _country_entry(obj, dictionary)
                    if entry and entry.country and entry.kind != "group":
                        return entry.country
                    countries = [] if strict else _modifier_countries(obj, dictionary, cues)
                    if countries:
                        return countries[0]
    return None


def _geoparsed_place(head: Token, ctx: ActorContext) -> str | None:
    """The country of a place the geoparser resolved in an "in X" / "of X" phrase after the head, where the
    actor dictionary does not know X ("the government of Sindh province", "rebels in Darfur")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS | {"of"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    country = next((ctx.place_countries[t.i] for t in obj.subtree if t.i in ctx.place_countries),
                                   None)
                    if country:
                        return country
    return None


def _modifier_country(head: Token, dictionary: ActorDictionary, cues: Cues, *, places: bool) -> str | None:
    """The country named by a possessive, demonym or name before the head, or by an "of X" (and, for
    recipients, "in X") phrase after it."""
    countries = _modifier_countries(head, dictionary, cues)
    if countries:
        return countries[0]
    preps = _OF_PREPS | (_PLACE_PREPS if places else set())
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    entry = _country_entry(obj, dictionary)
                    if entry and entry.country and entry.kind != "group":
                        return entry.country
                    found = _modifier_country(obj, dictionary, cues, places=False)
                    if found:
                        return found
    return None


def _prep_countries(head: Token, dictionary: ActorDictionary, preps: set[str]) -> list[str]:
    """The countries listed as the object of one of ``preps`` after the head: "the ambassadors of Arnor,
    Osgiliath and Gondor", "lawmakers in Fornost and Gondor" (empty unless there are two or more)."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                found: list[str] = []
                for token in [obj, *obj.conjuncts, *_list_read_as_apposition(obj)]:
                    entry = _country_entry(token, dictionary)
                    if entry and entry.country and entry.kind != "group" and entry.country not in found:
                        found.append(entry.country)
                if len(found) > 1:
                    return found
    return []


def _names_before(head: Token, dictionary: ActorDictionary) -> bool:
    """A demonym or name right before the head ("Russian aircraft", "Israeli tanks"): the things act for
    their country, unlike a possessive's ("Iran's economy")."""
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < head.i
               and (entry := _country_entry(c, dictionary)) is not None and entry.country
               and entry.kind in ("country", "demonym") for c in head.children)


def _ethnic(token: Token, cues: Cues) -> bool:
    """"ethnic Albanians", "ethnic Albanian guerrillas": a people named by descent, not by citizenship (the
    words are the cue table's "ethnic_marker")."""
    markers = cues.argument_words.get("ethnic_marker", frozenset())
    return any(c.dep_ == "amod" and c.lower_ in markers for c in token.children) or (
        token.i > 0 and token.doc[token.i - 1].lower_ in markers)


def _population(head: Token, cues: Cues) -> bool:
    """A plural people noun that is counted, qualified or placed: "Up to 100 ethnic Albanians", "Thousands
    of Iraqi Kurds", "Albanians of southern Serbia"."""
    if head.tag_ not in ("NNPS", "NNS") and not head.lower_.endswith("s"):
        return False
    if any(c.dep_ in ("amod", "nummod", "quantmod") and c.i < head.i for c in head.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in _PLACE_PREPS | {"of", "from"} for c in head.children):
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in cues.quantities


def _code(country: str | None, sector: str | None) -> str:
    return (country or "") + (sector or "")


def _from_entry(text: str, entry: ActorEntry, sector: str | None = None) -> Actor:
    if entry.kind == "person" and sector == ELITE_SECTOR and entry.country:
        # "former president Carlos Menem": the text says the office the dictionary gives is past
        return Actor(text=text, code=_code(entry.country, sector), country=entry.country, sector=sector,
                     name=entry.name, id=entry.id)
    if entry.kind in ("group", "igo", "collective", "person"):
        return Actor(text=text, code=entry.code, country=entry.country, sector=entry.sector, name=entry.name,
                     id=entry.id)
    sector = sector or entry.sector
    return Actor(text=text, code=_code(entry.country, sector), country=entry.country, sector=sector,
                 name=entry.name if not sector else None, id=entry.id if not sector else None)


def _np_text(head: Token) -> str:
    """The noun phrase without relative clauses, appositions and trailing prepositions, for evidence."""
    left = min([head.i] + [t.i for c in head.lefts if c.dep_ not in ("punct", "cc") for t in c.subtree])
    right = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _OF_PREPS | _PLACE_PREPS:
            right = max(right, max(t.i for t in child.subtree))
        elif child.dep_ in ("compound", "flat"):
            right = max(right, child.i)
    return head.doc[left:right + 1].text


def _collective(head: Token, ctx: ActorContext, *, recipient: bool = False) -> list[Actor] | None:
    tokens = [t for t in head.subtree if t.dep_ not in ("det",) or t.lower_ in ("both", "two", "either")]
    words = tuple(t.lower_ for t in tokens)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if definite:
        counted = _counted_states(head, ctx, ctx.acting if recipient else frozenset())
        if counted is not None:
            return counted
    for _, listed in ctx.cues.pairs:
        # "the two sides": the article is read off the head (the words above leave determiners out), and a phrase
        # listed with it needs it ("the neighbours", never "its neighbours")
        with_article = listed[0] == "the" and len(listed) > 1
        if with_article:
            if not definite:
                continue
            listed = listed[1:]
        phrase = listed
        n = len(phrase)
        # the phrase is the head's own ("both sides"), not one in a phrase under it ("the hostilities, by figures
        # both governments gave")
        if any(words[i:i + n] == phrase and tokens[i + n - 1].i == head.i for i in range(len(words) - n + 1)):
            excluded = ctx.acting if recipient else frozenset()
            # "the hostilities between Thailand and Cambodia ... figures provided by both governments": a pair
            # whose own sentence named two countries before it is those two, whoever the article names most
            named = list(dict.fromkeys(c for i, c in ctx.country_mentions
                                       if head.sent.start <= i < head.i and c not in excluded))
            if len(named) == 2:
                countries = named
            else:
                countries = [c for c in ctx.main_countries(before=head.i, n=2 + len(excluded))
                             if c not in excluded][:2]
            if len(countries) < 2:
                # ("the parties" in a report of one country's politics are its parties, read as any other noun)
                return None if with_article else []
            text = _np_text(head)
            return [_from_entry(text, ctx.dictionary.entry(c) or ActorEntry(c, c, c, c, None, "country"))
                    for c in countries]
    return None


# How many sentences before its own a counted set of states looks back for the list of countries it counts.
COUNTED_LOOKBACK_SENTENCES = 4


def _counted_states(head: Token, ctx: ActorContext, excluded: frozenset = frozenset()) -> list[Actor] | None:
    """"the three European countries", "the five nations": the countries of the nearest earlier list of exactly that
    many named together ("the ambassadors of the United Kingdom, France, and Germany"), in the head's sentence or
    the ``COUNTED_LOOKBACK_SENTENCES`` before it, none of them ``excluded`` (the acting side, for a recipient); or
    None (not such a phrase, or no such list)."""
    if head.lower_ not in ctx.cues.counted_nouns:
        return None
    numbers = ctx.cues.number_words
    count = next((numbers.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                  for c in head.children if c.dep_ == "nummod"), None)
    if not count or count < 3:
        return None
    doc = head.doc
    start = head.sent.start
    for _ in range(COUNTED_LOOKBACK_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    country_at = {}  # token index -> country, every token of each country's name
    for ent in doc.ents:
        country = dict(ctx.country_mentions).get(ent.start)
        if country is not None and start <= ent.start < head.i:
            country_at.update((i, country) for i in range(ent.start, ent.end))
    for i in sorted(country_at, reverse=True):
        root = doc[i]
        listed = list(dict.fromkeys(country_at[t.i] for t in (root, *root.conjuncts) if t.i in country_at))
        if len(listed) == count and not set(listed) & excluded:
            text = _np_text(head)
            return [_from_entry(text, ctx.dictionary.entry(c) or ActorEntry(c, c, c, c, None, "country"))
                    for c in listed]
    return None


def _pronoun(head: Token, ctx: ActorContext) -> list[Actor]:
    """A pronoun's antecedent: the subject of the verb governing its clause, else the last actor named. An
    object pronoun is never its own clause's subject ("the army blamed Cambodian soldiers, and accused them":
    them are the soldiers, not the army), and a clause joined by 'and' shares its subject."""
    clause = head.head
    while clause.dep_ not in ("ccomp", "xcomp", "advcl", "conj") and clause.head.i != clause.i:
        clause = clause.head
    obj = head.dep_ in _OBJECT_PRONOUN_DEPS
    own: set[str] = set()
    if obj:
        for subject in subject_of(head.head if head.dep_ != "pobj" else head.head.head):
            if subject.lower_ not in PRONOUNS:
                own |= {a.code for a in resolve_actor(subject, ctx)}
    # (a speaker's "we" is never the subject of the clause beside its own: 'Peru has violated the border, and we
    # demand ...')
    if clause.dep_ in ("ccomp", "xcomp", "advcl", "conj") and not (obj and clause.dep_ == "conj") \
            and not (head.lower_ in SPEAKER_PRONOUNS and clause.dep_ in ("conj", "advcl")):
        governing = clause.head
        subjects = subject_of(governing)
        while not subjects and governing.dep_ == "pcomp" and governing.head.head.i != governing.head.i:
            governing = governing.head.head  # "X was quoted as saying he ...": the verb above the phrase
            subjects = subject_of(governing)
        if not subjects and is_passive(governing) and token_lemma(governing) in _QUOTED:
            subjects = [c for c in governing.children if c.dep_ == "nsubjpass"]  # "X was quoted as saying"
        for subject in subjects:
            if subject.lower_ not in PRONOUNS:
                actors = resolve_actor(subject, ctx)
                if actors and not (own and {a.code for a in actors} <= own):
                    return _spoken_for(head, actors)
    if head.lower_ in SPEAKER_PRONOUNS and _quoted(head):
        # whoever speaks the quotation, or no one: "we" is never the last party the quotation itself names ('"we
        # demand that Iran cease its attacks, and we stand ready ..."')
        return _spoken_for(head, _quote_speaker(head, ctx))
    if not obj and head.dep_ in ("nsubj", "nsubjpass") and clause.head.i == clause.i:
        # the subject of a sentence's main clause continues the one before ("Pashinyan had a call with Blinken.
        # He then talked with Putin": he is Pashinyan, not the last actor named)
        previous = _previous_subject(head, ctx)
        if previous:
            return previous
    earlier = [(i, a) for i, a in ctx.recent if i < head.i and not (own and a.code in own)]
    if head.lower_ in PERSONAL_POSSESSIVES:
        # "his": a person's rather than a state or a people named alone ("the Kenyan minister condemned the
        # Somali strike on his country's embassy": his is the minister's), where the sentence names one
        people = [(i, a) for i, a in earlier if a.sector is not None or a.id not in (None, a.country)]
        earlier = people or earlier
    if not earlier:
        return []
    last = earlier[-1][0]
    return [a for i, a in earlier if i == last]


def _spoken_for(pronoun: Token, speakers: list[Actor]) -> list[Actor]:
    """What a pronoun stands for, given who says it: an official's "we" is the state it speaks for ('"We call on
    both sides ...," the Kremlin aide said': Russia), as "I" is the official."""
    if pronoun.lower_ in SPEAKER_PRONOUNS and pronoun.morph.get("Number") == ["Plur"] and speakers \
            and all(a.country and a.sector in STATE_VOICES for a in speakers):
        return [Actor(text=pronoun.text, code=country, country=country)
                for country in dict.fromkeys(a.country for a in speakers)]
    return speakers


def _quote_depth(doc, start: int, end: int) -> int:
    """How many quotations are open at character ``end``, counting from ``start`` (a paragraph's start): curly
    double marks open and close, a straight double quote toggles (single marks are also apostrophes: not read)."""
    depth, straight = 0, False
    for ch in doc.text[start:end]:
        if ch == "\u201c":
            depth += 1
        elif ch == "\u201d":
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
    return depth + straight


def _paragraph(token: Token) -> tuple[int, int]:
    """The character span of the paragraph (text between line breaks) that holds ``token``."""
    text = token.doc.text
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    return start, len(text) if end < 0 else end


def _quoted(token: Token) -> bool:
    start, _ = _paragraph(token)
    return _quote_depth(token.doc, start, token.idx) > 0


def _quote_speaker(pronoun: Token, ctx: ActorContext) -> list[Actor]:
    """Who speaks the quotation ``pronoun`` stands in: the named subject of a verb of saying outside the quotes of
    its paragraph, the nearest after it ('"We are ready," the minister told reporters') before the nearest before
    it ('The minister said: "We are ready."')."""
    doc = pronoun.doc
    start, end = _paragraph(pronoun)
    verbs = [t for t in doc if start <= t.idx < end and token_lemma(t) in ctx.cues.speech_verbs
             and t.pos_ in ("VERB", "AUX") and not _quote_depth(doc, start, t.idx)]
    after = [t for t in verbs if t.i > pronoun.i]
    before = [t for t in reversed(verbs) if t.i < pronoun.i]
    for verb in after + before:
        for subject in subject_of(verb):
            # ('"I appealed to both leaders," he said': he is whoever he is, the sentence before says)
            if subject.lower_ not in SPEAKER_PRONOUNS:
                actors = resolve_actor(subject, ctx)
                if actors:
                    return actors
    line_break = doc.char_span(start - 1, start, alignment_mode="expand") if start > 0 else None
    if line_break is not None and any(token_lemma(s) in ctx.cues.words("statement_noun")
                                      for verb in verbs for s in subject_of(verb)):
        # 'The statement adds: "We will ..."': the statement's, whoever the paragraph before says issued it ('the
        # G7 leaders said in a joint statement')
        return _quote_speaker(doc[line_break.start], ctx)
    return []


def _previous_subject(pronoun: Token, ctx: ActorContext) -> list[Actor]:
    """The actors of the previous sentence's main subject, where it agrees with the pronoun in number (he/she: one
    person or body; they: several); none where that sentence has no such subject."""
    sent = pronoun.sent
    if sent.start == 0:
        return []
    root = pronoun.doc[sent.start - 1].sent.root
    plural = pronoun.morph.get("Number") == ["Plur"] or pronoun.lower_ == "they"
    for subject in subject_of(root):
        if subject.lower_ in PRONOUNS:
            continue
        several = subject.morph.get("Number") == ["Plur"] or bool(subject.conjuncts)
        if several != plural:
            continue
        # ("Cambodia's UN ambassador Chhea Keo said ...": an office named with its holder's name is a person)
        person = subject.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON"
                                                      for c in subject.children)
        if pronoun.lower_ in ("he", "she") and not (person or subject.pos_ == "PROPN"):
            continue
        return resolve_actor(subject, ctx)
    return []


def _national_body(head: Token, span: Span, dictionary: ActorDictionary, cues: Cues) -> str | None:
    """The country that owns an IGO-named body, or a body named as one country's is ("Foreign Office"): a country
    or its demonym before the name, outside it, or a country in an "of" phrase after it ("the Security Council of
    Armenia"; not "of the United Nations", no country)."""
    for child in _left_modifiers(head, dictionary):
        if span.start <= child.i < span.end:
            continue  # a word of the name itself
        entry = _country_entry(child, dictionary)
        if entry is not None and entry.kind in ("country", "demonym") and entry.country:
            return entry.country
    return _place_country(head, dictionary, cues, strict=True) if head.i < span.end else None


def _national_word(head: Token, span: Span, cues: Cues) -> bool:
    """An IGO's name after a word that makes it a nation's own body ("the National Security Council"; the cue
    table's national_body_word), in the name or just before it."""
    words = cues.words("national_body_word")
    return any(head.doc[i].lower_ in words for i in range(max(0, span.start - 1), span.end))


# How many sentences before its own a definite office or body ("the ambassador", "the ministry") looks back for the
# same word named with its country.
OFFICE_LOOKBACK_SENTENCES = 2


def _named_before_in_sentence(head: Token, dictionary: ActorDictionary, cues: Cues) -> str | None:
    """The country of the nearest earlier word with the head's lemma that names its country, in the head's sentence
    or the ``OFFICE_LOOKBACK_SENTENCES`` before it ("Cambodia's Ministry of National Defence" ... "the ministry";
    "Iran's ambassador to Damascus told Syrian TV ... The ambassador said"), or None."""
    lemma = token_lemma(head)
    start = head.sent.start
    for _ in range(OFFICE_LOOKBACK_SENTENCES):
        if start == 0:
            break
        start = head.doc[start - 1].sent.start
    for token in reversed(head.doc[start:head.i]):
        if token_lemma(token) == lemma:
            country = _modifier_country(token, dictionary, cues, places=False)
            if country:
                return country
    return None


def _same_word_before(head: Token, ctx: ActorContext) -> list[Actor]:
    """The actors the article last resolved a word of the head's lemma to, where they name a country or a body
    (an IGO or group), or none."""
    lemma = token_lemma(head)
    found: dict[int, list[Actor]] = {}
    for i, actor in ctx.recent:
        if i < head.i and token_lemma(head.doc[i]) == lemma and (actor.country or actor.id):
            found.setdefault(i, []).append(actor)
    return found[max(found)] if found else []


def _possessor_country(head: Token, ctx: ActorContext) -> str | None:
    """The country of a possessive pronoun's antecedent: "Bosnian Serbs said their forces ...", "Iran says
    its navy ..." (a sector noun whose owner is named earlier in the sentence)."""
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in ("its", "their"):
            # "Israel and its people": the pronoun of a conjunct stands for the conjunct before it
            antecedent = resolve_one(head.head, ctx) if head.dep_ == "conj" else _pronoun(child, ctx)
            countries = {a.country for a in antecedent if a.country}
            if len(countries) == 1:
                return countries.pop()
    return None


def _pronoun_country(noun: Token, ctx: ActorContext) -> str | None:
    """The country a pronoun's "country" names (argument_words kind country_noun): "his country", "their
    nation" is the country of whoever the pronoun stands for ("the Iranian foreign minister condemned the strike
    on his country's consulate")."""
    if token_lemma(noun) not in ctx.cues.words("country_noun"):
        return None
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in PRONOUNS:
            countries = {a.country for a in _pronoun(child, ctx) if a.country}
            if len(countries) == 1:
                return countries.pop()
    return None


def _body_named_before(head: Token, ctx: ActorContext) -> Actor | None:
    """The international body last named before a definite noun that stands for one (argument_words kind
    body_anaphor: "the organization", "the alliance", "the bloc"), with no modifier of its own."""
    if head.pos_ != "NOUN" or token_lemma(head) not in ctx.cues.argument_words.get(BODY_ANAPHOR_KIND, ()):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or any(
            c.dep_ in _MODIFIER_DEPS for c in head.children):
        return None
    for ent in reversed([e for e in head.doc.ents if e.end <= head.i]):
        entry = ctx.dictionary.lookup(ent.text)
        if entry is not None and entry.kind == "igo":
            return _from_entry(_np_text(head), entry)
    return None


BODY_ANAPHOR_KIND = "body_anaphor"


def resolve_one(head: Token, ctx: ActorContext, *, recipient: bool = False) -> list[Actor]:
    """Actors for one head noun (not its conjuncts)."""
    dictionary = ctx.dictionary
    if head.lower_ in PRONOUNS and head.pos_ == "PRON":
        return _pronoun(head, ctx)
    own = _pronoun_country(head, ctx)
    if own is not None:  # "his country": the state itself
        return [Actor(text=_np_text(head), code=own, country=own)]
    owner = next((c for p in head.children if p.dep_ == "poss" and (c := _pronoun_country(p, ctx))), None)
    if owner is not None:  # "his country's consulate", "their nation's border posts": that country's
        owned_sector = _sector_of(head, dictionary)[0]
        return [Actor(text=_np_text(head), code=_code(owner, owned_sector), country=owner, sector=owned_sector)]
    collective = _collective(head, ctx, recipient=recipient)
    if collective is not None:
        return collective
    body = _body_named_before(head, ctx)
    if body is not None:  # "Armenia, a CSTO member, appealed to the organization": the CSTO
        return [body]
    if head.lower_ in ctx.cues.quantities or head.lemma_.lower() in ctx.cues.quantities:
        # "Thousands of protesters", "members of Hamas", "a delegation from the CSTO": the phrase names the actor.
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _PART_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = resolve_actor(obj, ctx, recipient=recipient)
                        if found:
                            return found
    text = _np_text(head)
    apart = dictionary.lookup_disconnected([t.text for t in _phrase_tokens(head)])
    if apart is not None:  # "Ithilen state-run television": a name whose words stand apart in the phrase
        return [_from_entry(text, apart)]
    span = _entity_span(head)
    sector, _role = _sector_of(head, dictionary)
    if sector and any(t.lower_ in ctx.cues.argument_words.get("former_office", ()) for t in _phrase_tokens(head)):
        sector = ELITE_SECTOR
    if span is not None and span.label_ in _NAME_LABELS:
        entry = dictionary.lookup(span.text)
        if entry is not None:
            if entry.kind == "demonym" and head.pos_ in ("PROPN", "NOUN"):
                # A people named where they live: "Bosnian Serbs" (BIH), "ethnic Albanians in Macedonia".
                home = _place_country(head, dictionary, ctx.cues, strict=True) or next(
                    (c for c in _modifier_countries(head, dictionary, ctx.cues) if c != entry.country), None)
                sector = sector or (POPULATION_SECTOR if _population(head, ctx.cues) else None)
                if home:
                    return [Actor(text=text, code=_code(home, sector), country=home, sector=sector)]
                if _ethnic(head, ctx.cues):
                    # "ethnic Albanians" with no home named: not Albania's; the place they are acted on decides
                    return [Actor(text=text, code=_code(None, sector or POPULATION_SECTOR),
                                  sector=sector or POPULATION_SECTOR)]
            if entry.kind == "igo" and (home := _national_body(head, span, dictionary, ctx.cues)):
                # "Armenia's Security Council", "the Russian Security Council": a country's own body of the name
                return [Actor(text=text, code=_code(home, GOVERNMENT_SECTOR), country=home, sector=GOVERNMENT_SECTOR)]
            if entry.kind == "metonym" and (home := _national_body(head, span, dictionary, ctx.cues)) and home != entry.country:
                # "the Pakistani Foreign Office": another country's body of the name one country's is known by
                return [Actor(text=text, code=_code(home, entry.sector), country=home, sector=entry.sector)]
            if entry.kind == "igo" and _national_word(head, span, ctx.cues):
                # "the National Security Council": the own body of the country the article is about; as a
                # recipient, of the state acting on it, which the places stage gives a recipient named by sector
                home = None if recipient else ctx.article_country()
                return [Actor(text=text, code=_code(home, GOVERNMENT_SECTOR), country=home, sector=GOVERNMENT_SECTOR)]
            if entry.kind == "capital" and not recipient and not sector:
                sector = CAPITAL_SECTOR  # "Washington said", "Moscow warned": the capital speaks for the government
            agents = _agents_of_phrase(head, dictionary, None) if dictionary.petrarch_phrases \
                and entry.kind in ("country", "group") else []
            if agents:  # "MSF Arnor": the name's code with the agents of its phrase (NGOARN)
                return [Actor(text=text, code=_stacked_code(entry.code, agents, dictionary), country=entry.country,
                              sector=agents[-1])]
            return [_from_entry(text, entry, None if entry.kind in ("group", "igo") else sector)]
    whole = dictionary.lookup(text) or dictionary.lookup(" ".join(t.text for t in _phrase_tokens(head)))
    if whole is not None:
        return [_from_entry(text, whole, sector)]
    if head.pos_ == "NOUN" and not sector:
        # "condemned an attack by Osgiliath soldiers": the act named stands for the one who did it
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for obj in child.children:
                    if obj.dep_ == "pobj" and (found := resolve_actor(obj, ctx, recipient=recipient)):
                        return found
    # An apposition names the head: "Jaish al-Adl, a separatist group" / "a group, Jaish al-Adl"; but an
    # office placed by its country is coded by them: "Ithilen's minister Calimehtar" (ITHGOV), "the government of
    # Armenia, a CSTO member" (ARMGOV).
    placed_office = sector is not None and _modifier_country(head, dictionary, ctx.cues, places=False) is not None
    for child in ([] if placed_office else head.children):
        if child.dep_ == "appos":
            named = resolve_one(child, ctx, recipient=recipient)
            if named and (named[0].id or named[0].country):
                return named
    # (the possessor of the head or of the office word before a name: "Cambodia's UN ambassador Chhea Keo")
    holders = [head] + [c for c in head.children if c.dep_ == "compound"]
    if _role == DIPLOMAT_ROLE and (home := next((e.country for h in holders for c in h.children if c.dep_ == "poss"
                                                 and (e := _country_entry(c, dictionary)) is not None and e.country
                                                 and e.kind != "group"), None)):
        # "Cambodia's UN ambassador": a country's envoy, to whatever body the phrase names
        return [Actor(text=text, code=_code(home, sector), country=home, sector=sector)]
    if dictionary.petrarch_phrases:
        named = _named_in_phrase(head, dictionary)
        agents = _agents_of_phrase(head, dictionary, sector) if named else []
        if agents:  # one actor for each name ("the ambassadors of Arnor, Osgiliath and Gondor")
            return [Actor(text=text, code=_stacked_code(entry.code, agents, dictionary), country=entry.country,
                          sector=sector or agents[-1]) for entry in named]
    group = _modifier_group(head, dictionary) or (_of_group(head, dictionary) if sector else None)
    if group is not None:
        return [_from_entry(text, group)]
    # "Iran said Israel struck its consulate in Damascus", "its soldiers in Mogadishu": what a party owns is its
    # own, wherever it is; as a recipient only (an actor's own place comes first: "its navy" after "Iran says")
    owned = _possessor_country(head, ctx) if sector and recipient else None
    if not owned and _role == MISSION_ROLE:
        # "Iran's Syria consulate": a mission's possessor owns it; a name beside it is where it is
        owned = next((e.country for c in head.children if c.dep_ == "poss"
                      and (e := _country_entry(c, dictionary)) is not None and e.country and e.kind != "group"), None)
    country = owned or _modifier_country(head, dictionary, ctx.cues, places=recipient and _role != MISSION_ROLE)
    if not country and _role == MISSION_ROLE:
        country = ctx.mission_country  # "the consulate building", after "Iran's consulate"
    if not country and sector and _role != MISSION_ROLE:
        # people placed where they are: "Rebels in the Ivory Coast"; never a mission, which is not its host
        # country's ("the consulate in Damascus")
        country = _place_country(head, dictionary, ctx.cues) or _geoparsed_place(head, ctx)
    if not country and sector and not recipient:
        country = _possessor_country(head, ctx)
    if sector in NATIONAL_SECTORS and not country and _role != MISSION_ROLE and not _names_before(head, dictionary) \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        # "a spokesman for Cambodia's defence ministry said the ministry rejected ...": the body its sentence named
        # with its country; else the actors the article last read off the same word ("The leaders of the G7
        # condemned ... the leaders said": the G7's); else "the government", "the army", "the opposition" in an
        # article about Kenya: Kenya's
        country = _named_before_in_sentence(head, dictionary, ctx.cues)
        if not country and (same := _same_word_before(head, ctx)):
            return same
        country = country or ctx.article_country()
    person = span is not None and span.label_ == "PERSON"
    if not person and head.pos_ == "PROPN" and (span is None or dictionary.lookup(span.text) is None):
        # "Phumtham said": a name the parser did not mark as a person, that the article has placed as one
        name_words = span if span is not None else [t for t in _phrase_tokens(head) if t.pos_ == "PROPN"]
        if ctx.placed_person(name_words) is not None:
            span, person = Span(head.doc, name_words[0].i, name_words[-1].i + 1, label="PERSON"), True
    if person and not country and (placed := ctx.placed_person(span)) is not None:
        # "Acting Prime Minister Phumtham Wechayachai" in an article that called him Thai before or after
        country, sector = placed[0], sector or placed[1]
    if person and sector and not country:
        # "President Laurent Gbagbo" in an article about Côte d'Ivoire: a titled person the text does not
        # place serves the country the article is about.
        country = ctx.article_country()
    if person and not (country or sector):
        return []  # a person we cannot place: no code to give
    if not (country or sector):
        return []
    if country and not sector and span is None and head.pos_ == "NOUN" and not recipient \
            and not _names_before(head, dictionary):
        return []  # "Iran's economy" does not act; as a target ("attacked Iranian sites") it stands for Iran
    name = span.text if person else None
    countries = _modifier_countries(head, dictionary, ctx.cues) if country else []
    if country and sector and len(countries) < 2:
        countries = _prep_countries(head, dictionary, _OF_PREPS | _PLACE_PREPS) or countries
    if len(countries) > 1:  # "Hungarian and Romanian officials": one actor per country
        return [Actor(text=text, code=_code(c, sector), country=c, sector=sector, name=name) for c in countries]
    return [Actor(text=text, code=_code(country, sector), country=country, sector=sector, name=name)]


def _named_in_phrase(head: Token, dictionary: ActorDictionary) -> list[ActorEntry]:
    """The actors a sector phrase belongs to, as PETRARCH reads it: a name before the head ("MSF Arnor
    diplomat"), else the names of an "of" / "in" phrase after it ("activists of Gonzo GMO"), each with the
    names listed with it."""
    firsts = [c for c in _left_modifiers(head, dictionary)]
    firsts += [obj for prep in head.children if prep.dep_ == "prep" and prep.lower_ in _OF_PREPS | _PLACE_PREPS
               for obj in prep.children if obj.dep_ == "pobj"]
    for first in firsts:
        entry = _country_entry(first, dictionary)
        if entry is not None:
            others = (_country_entry(t, dictionary) for t in [*first.conjuncts, *_list_read_as_apposition(first)])
            return list(dict.fromkeys([entry, *filter(None, others)]))
    return []


def _agents_of_phrase(head: Token, dictionary: ActorDictionary, head_sector: str | None) -> list[str]:
    """Every agent the head's phrase names, in text order, longest phrase first ("West German world government
    activists": WGO); the head's own is ``head_sector`` (a former official's is ELI)."""
    tokens = _phrase_tokens(head)
    found: list[str] = []
    start = 0
    while start < len(tokens):
        for end in range(len(tokens), start, -1):
            words = tokens[start:end]
            entry = next(filter(None, (dictionary.sector(k) for k in _sector_keys(words, dictionary))), None)
            if entry is not None:
                found.append(head_sector if words[-1].i == head.i and head_sector else entry.sector)
                start = end
                break
        else:
            start += 1
    return found


def _stacked_code(base: str, agents: list[str], dictionary: ActorDictionary) -> str:
    """``base`` with each agent's code added, after it or (a prefix agent, "[NGO~]") before it, unless all its
    three-letter parts are there already ("White House security officials" stays USAGOV; the "WGO" inside
    "GMWGOV" is no part of it)."""
    code = base
    for agent in agents:
        parts = {code[i:i + 3] for i in range(0, len(code), 3)}
        if all(agent[i:i + 3] in parts for i in range(0, len(agent), 3)):
            continue
        code = agent + code if agent in dictionary.prefix_sectors else code + agent
    return code


def _list_read_as_apposition(head: Token) -> list[Token]:
    """"Mordor, the Shire, Fornost and Bree": the parser reads the first comma as apposition (Mordor <-appos-
    Shire <-conj- Fornost <-conj- Bree). A proper-name apposition that heads an "and" list is a list."""
    out: list[Token] = []
    last_conj = max((c.i for c in head.children if c.dep_ == "conj"), default=-1)
    head_lists = any(c.dep_ == "cc" for c in head.children) and last_conj > head.i
    for child in head.children:
        if child.dep_ != "appos" or child.pos_ not in ("PROPN", "NOUN"):
            continue
        if any(c.dep_ == "cc" for t in [child, *child.conjuncts] for c in t.children) and child.pos_ == "PROPN":
            out.extend([child, *child.conjuncts])
        elif head_lists and child.i < last_conj:
            # "Evil Mordor, the awful Fornost, and good Gondor": the "and" hangs on the head, the apposition
            # sits between the head and its last conjunct
            out.append(child)
    return out


def resolve_actor(head: Token, ctx: ActorContext, *, recipient: bool = False) -> list[Actor]:
    """Every actor a noun phrase names, its conjuncts included ("Pakistan and Iran")."""
    actors: list[Actor] = []
    for token in [head, *head.conjuncts, *_list_read_as_apposition(head)]:
        for actor in resolve_one(token, ctx, recipient=recipient):
            if token is not head and actors:
                actor = _placed_like_head(token, actor, head, actors, ctx.dictionary)
                for modified in _modified_like_head(token, actor, head, actors, ctx.dictionary, ctx.cues):
                    if modified not in actors:
                        actors.append(modified)
            elif actor not in actors:
                actors.append(actor)
    return _share_the_heads_place(head, actors)


def _modified_like_head(token: Token, actor: Actor, head: Token, head_actors: list[Actor],
                        dictionary: ActorDictionary, cues: Cues) -> list[Actor]:
    """"Danish media and government": the countries named before the first conjunct are those of a later
    conjunct named only by its sector and with no modifier of its own (DNKGOV; but "Iranian troops and Kurdish
    fighters" leaves the fighters to their own words)."""
    if not actor.sector or actor.country or actor.id or head.i > token.i or any(
            c.dep_ in _MODIFIER_DEPS and c.i < token.i for c in token.children):
        return [actor]
    countries = _modifier_countries(head, dictionary, cues)
    if not countries or not any(a.country in countries for a in head_actors):
        return [actor]
    return [Actor(text=actor.text, code=_code(country, actor.sector), country=country, sector=actor.sector)
            for country in countries]


def _share_the_heads_place(head: Token, actors: list[Actor]) -> list[Actor]:
    """"Lawmakers and officials in Fornost": a place phrase after the last conjunct belongs to all of them,
    so a conjunct named only by its sector ("officials") takes the head's countries (FORGOV)."""
    places = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS | _OF_PREPS]
    conjuncts = [c for c in head.children if c.dep_ == "conj"]
    if not places or not conjuncts or not any(c.i < places[0].i for c in conjuncts):
        return actors
    sector = actors[0].sector if actors else None  # the head's own actor comes first
    countries = [a.country for a in actors if a.country and a.sector == sector]
    if not sector or not countries:
        return actors
    out: list[Actor] = []
    for actor in actors:
        if actor.sector and not actor.country and not actor.id:
            for country in countries:
                placed = Actor(text=actor.text, code=_code(country, actor.sector), country=country,
                               sector=actor.sector)
                if placed not in out:
                    out.append(placed)
        elif actor not in out:
            out.append(actor)
    return out


def _placed_like_head(token: Token, actor: Actor, head: Token, head_actors: list[Actor],
                      dictionary: ActorDictionary) -> Actor:
    """"Lawmakers in Fornost and Gondor" where the parser joined "Gondor" to "Lawmakers": a bare country
    listed right after the head's "in/of X" country is one more X of the head's kind (GONLEG, not GON)."""
    if actor.sector or not actor.country or actor.code != actor.country \
            or any(c.dep_ not in ("cc", "punct") for c in token.children):
        return actor
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _OF_PREPS | _PLACE_PREPS:
            for obj in prep.children:
                entry = _country_entry(obj, dictionary) if obj.dep_ == "pobj" and obj.i < token.i else None
                if entry and entry.country and entry.kind != "group":
                    sector = next((a.sector for a in head_actors if a.country == entry.country and a.sector), None)
                    if sector:
                        return Actor(text=actor.text, code=_code(actor.country, sector), country=actor.country,
                                     sector=sector)
    return actor
