#!/usr/bin/python3
"""definition.py: make the questionnaire definition (data/kartlegging/YEAR.xml) from the
checked transcription of Vedlegg 1 (data/kartlegging/kartleggingsoversikt-YEAR.yaml).

A developer's tool (Debian: python3-yaml), run when the transcription changes; its output
is committed and is what the programs read. Next year: copy and edit the YAML (or the XML
directly), run this, run `make test` (the definition tests check schema, ids, counts and
every XPath).

  tools/gen/definition.py data/kartlegging/kartleggingsoversikt-2026.yaml > data/kartlegging/2026.xml

What it adds to the transcription, the decisions the seeds leave open (data/kartlegging/README.md, "The questionnaire
definition"):
  show       the plain-word shown_when as XPath 1.0 over a survey record, including the
             conditions of the items it names (a follow-up shows only while its parent does)
  mandatory  shown single, level, yesno and yesno_unknown items; shown multi items with an
             exclusive ("none", "vet ikke") option; shown extra questions of a service
  rules      errors (an exclusive option with another; answers that contradict each other)
             and obs warnings, each with its Norwegian message
  index      the levekårsindeks, with provisional cut-offs (the official ones are not in the
             seeds; correct them here, no code changes)

The survey record the XPath reads: <kartlegging aar alder kjonn> with one element per answer
named by the item id: <kategori>rus</kategori>, repeated for multi items, "ja" for a ticked
checkbox, a number for integers, <nav_rad_veiledning hatt="ja" videre="nei"/> for services.
"""
import re
import sys
from xml.sax.saxutils import escape, quoteattr

import yaml

MANDATORY_TYPES = {"single", "level", "yesno", "yesno_unknown"}
YESNO = [("ja", "Ja"), ("nei", "Nei")]
YESNO_UNKNOWN = YESNO + [("vet_ikke", "Vet ikke")]


def _any_of(g):
    return "(" + " or ".join(f"{g[0]} = '{v.strip()}'" for v in g[1].split(",")) + ")"


# The plain-word conditions, tried in order: a part's pattern, whether its first group
# names an item (or service) that must exist, and the XPath made from its groups.
CONDITION_FORMS = [
    (r"age\s*<\s*(\d+)", False, lambda g: f"@alder < {g[0]}"),
    (r"(\w+)\.(\w+)\s*=\s*(\w+)", True, lambda g: f"{g[0]}/@{g[1]} = '{g[2]}'"),
    (r"(\w+)\s+in\s+\[([\w,\s]+)\]", True, _any_of),
    (r"(\w+)\s+has\s+(\w+)", True, lambda g: f"{g[0]} = '{g[1]}'"),
    (r"(\w+)\s+checked", True, lambda g: f"{g[0]} = 'ja'"),
    (r"(\w+)\s*(!?=)\s*(\w+)", True,
     lambda g: f"{g[0]} = '{g[2]}'" if g[1] == "=" else f"not({g[0]} = '{g[2]}')"),
]


def condition(text, items):
    out = []
    for part in re.split(r"\s+(and|or)\s+", text.strip()):
        if part in ("and", "or"):
            out.append(part)
            continue
        for pattern, names_item, xpath in CONDITION_FORMS:
            m = re.fullmatch(pattern, part)
            if m:
                assert not names_item or m.group(1) in items, \
                    f"unknown item {m.group(1)} in {text!r}"
                out.append(xpath(m.groups()))
                break
        else:
            raise SystemExit(f"definition.py: cannot read condition {text!r}")
    return " ".join(out)


def named_items(text):
    """The item ids a condition names (to add their own conditions)."""
    return set(re.findall(r"\b([a-z][a-z0-9_]*)(?=\s*(?:\.|=|!=|\s+in\s|\s+has\s|\s+checked))", text))


def main():
    src = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    year = src["version"]
    # every item and extra, with the group condition it lives under
    items, order = {}, []
    for tab in src["tabs"]:
        for it in tab.get("items", []):
            items[it["id"]] = dict(it, _tab=tab["id"], _group=None, _gshow=None)
            order.append(it["id"])
        for g in tab.get("groups", []):
            for it in g.get("items", []) + g.get("extras", []):
                extra = it in g.get("extras", [])
                items[it["id"]] = dict(it, _tab=tab["id"], _group=g["id"],
                                       _gshow=g.get("shown_when"), _extra=extra)
                order.append(it["id"])
    assert len(items) == len(order), "ids are not unique"

    # effective condition: own, the group's, and those of the items it names (recursively)
    memo = {}

    def show(iid, seen=()):
        if iid in memo:
            return memo[iid]
        it = items[iid]
        parts = []
        for c in (it.get("_gshow"), it.get("shown_when")):
            if not c:
                continue
            parts.append(condition(c, items))
            for dep in named_items(c):
                if dep in items and dep != iid and dep not in seen:
                    d = show(dep, seen + (iid,))
                    if d:
                        parts.append(d)
        # the Obs box of a child row belongs to its row
        if it.get("row_of"):
            d = show(it["row_of"], seen + (iid,))
            if d:
                parts.append(d)
        uniq = []
        for p in parts:
            if p not in uniq:
                uniq.append(p)
        memo[iid] = " and ".join(f"({p})" if (" or " in p and len(uniq) > 1) else p for p in uniq)
        return memo[iid]

    def mandatory(it):
        if it["type"] == "checkbox":
            return False    # a single box: unticked is an answer (see the docstring)
        if it.get("_extra"):
            return True
        if it["type"] in MANDATORY_TYPES:
            return True
        return it["type"] == "multi" and bool(it.get("exclusive_options"))

    w = sys.stdout.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w("<!-- Generated by tools/gen/definition.py from kartleggingsoversikt-%s.yaml (Vedlegg 1 of the\n"
      "     2026 manual). Edit the YAML and regenerate, or edit this file; `make test` checks it. -->\n" % year)
    w(f'<definition year="{year}" source={quoteattr(src["source"])}>\n')
    w("  <service-questions>\n")
    for q in src["service_questions"]:
        w(f'    <question id="{q["id"]}" default="{q["default"]}">{escape(q["label"])}</question>\n')
    w("  </service-questions>\n")
    # what the form shows to help, and the programs do not read (tools/gen/stamp.xsl drops it)
    combos = src.get("service_combinations") or []
    if combos:
        w("  <service-combinations>\n")
        for c in combos:
            w(f'    <combination hatt="{c["hatt"]}" videre="{c["videre"]}">{escape(c["text"])}</combination>\n')
        w("  </service-combinations>\n")
    guide = src.get("guidance")
    if guide:
        w(f'  <guidance title={quoteattr(guide["title"])}>\n')
        for para in guide["paragraphs"]:
            w(f"    <p>{escape(para.strip())}</p>\n")
        w("  </guidance>\n")

    def text(tag, value, indent):
        if value:
            w(f"{indent}<{tag}>{escape(str(value).strip())}</{tag}>\n")

    def item(it, indent):
        iid = it["id"]
        attrs = f'id="{iid}" type="{it["type"]}"'
        if mandatory(it):
            attrs += ' mandatory="yes"'
        s = show(iid)
        if s:
            attrs += f" show={quoteattr(s)}"
        if it.get("row_of"):
            attrs += f' row-of="{it["row_of"]}"'
        rng = it.get("range")
        if rng:
            attrs += f' min="{rng["min"]}" max="{rng["max"]}"'
        if "default" in it:
            attrs += f' default="{it["default"]}"'
        w(f"{indent}<item {attrs}>\n")
        text("section", it.get("section"), indent + "  ")
        text("label", it["label"], indent + "  ")
        text("input-label", it.get("input_label"), indent + "  ")
        text("help", it.get("help"), indent + "  ")
        text("note", it.get("note"), indent + "  ")
        excl = set(it.get("exclusive_options") or [])
        opts = it.get("options")
        if it["type"] == "yesno":
            opts = [{"id": i, "label": l} for i, l in YESNO]
        elif it["type"] == "yesno_unknown":
            opts = [{"id": i, "label": l} for i, l in YESNO_UNKNOWN]
        elif it["type"] == "level":
            opts = [{"id": k, "label": src_levels[k], "help": v} for k, v in it["levels"].items()]
        for o in opts or []:
            oa = f'id="{o["id"]}"' + (' exclusive="yes"' if o["id"] in excl else "")
            if o.get("help"):
                w(f"{indent}  <option {oa}>{escape(o['label'])}<help>{escape(o['help'])}</help></option>\n")
            else:
                w(f"{indent}  <option {oa}>{escape(o['label'])}</option>\n")
        w(f"{indent}</item>\n")

    src_levels = None
    for tab in src["tabs"]:
        if tab.get("level_labels"):
            src_levels = tab["level_labels"]
    for tab in src["tabs"]:
        w(f'  <tab id="{tab["id"]}" title={quoteattr(tab["title"])}>\n')
        text("section", tab.get("section"), "    ")
        text("intro", tab.get("intro"), "    ")
        text("scale", tab.get("scale"), "    ")
        text("note", tab.get("note"), "    ")
        for it in tab.get("items", []):
            item(items[it["id"]], "    ")
        for g in tab.get("groups", []):
            ga = f'id="{g["id"]}"'
            if g.get("shown_when"):
                ga += f" show={quoteattr(condition(g['shown_when'], items))}"
            w(f"    <group {ga}>\n")
            text("heading", g["heading"], "      ")
            text("help", g.get("help"), "      ")
            for it in g.get("items", []):
                item(items[it["id"]], "      ")
            for it in g.get("extras", []):
                item(items[it["id"]], "      ")
            w("    </group>\n")
        w("  </tab>\n")

    # rules: errors and obs, each with the field it points to
    rules = []
    for iid in order:
        it = items[iid]
        for ex in it.get("exclusive_options") or []:
            olabel = next(o["label"] for o in it["options"] if o["id"] == ex)
            rules.append(("error", f"{iid}.{ex}", iid, f"count({iid}) > 1 and {iid} = '{ex}'",
                          f"«{olabel}» kan ikke kombineres med andre svar under «{it['label']}»."))
    rules += [
        ("error", "injiserer.ingen_rusmidler", "injiserer",
         "injiserer = 'ja' and rusmiddelbruk = 'ingen_rusmidler'",
         "Brukeren injiserer, men «Ingen rusmidler» er valgt under «Rusmiddelbruk»."),
        ("error", "gravid.mann", "gravid", "gravid = 'ja' and @kjonn = 'mann'",
         "Graviditet er registrert for en mann."),
        # not in the seeds: a check of our own, so an obs to look at, never an error that
        # could hold a survey back at the transfer
        ("obs", "alene.barn", "bor_sammen_med",
         "bor_sammen_med = 'alene' and (barn_bor_med_egne > 0 or barn_bor_med_andres > 0 "
         "or barn_bor_med_sosken > 0)",
         "Brukeren bor alene, men det er registrert barn som brukeren bor med."),
    ]
    for iid in order:
        it = items[iid]
        if it.get("row_of"):
            rules.append(("obs", iid, iid, f"{iid} = 'ja'",
                          f"Barn: «{items[it['row_of']]['label']}» er merket Obs."))
    rules += [
        ("obs", "aktuell_selvmordsproblematikk", "aktuell_selvmordsproblematikk",
         "aktuell_selvmordsproblematikk = 'ja'", "Aktuell selvmordsproblematikk."),
        ("obs", "aktuell_fare_overdose", "aktuell_fare_overdose",
         "aktuell_fare_overdose = 'ja'", "Aktuell fare for overdose."),
        ("obs", "graviditet_obs", "graviditet_obs", "graviditet_obs = 'ja'",
         "Graviditet er merket Obs."),
        ("obs", "gravid.rusmidler", "gravid",
         "gravid = 'ja' and rusmiddelbruk and not(rusmiddelbruk = 'ingen_rusmidler')",
         "Gravid og bruker rusmidler."),
    ]
    w("  <rules>\n")
    for kind, rid, field, when, msg in rules:
        assert field in items, field
        w(f'    <{kind} id="{rid}" field="{field}" when={quoteattr(when)}>{escape(msg)}</{kind}>\n')
    w("  </rules>\n")

    # the levekårsindeks (provisional: the official cut-offs are not in the seeds)
    areas = [i for i in order if items[i]["type"] == "level"]
    assert len(areas) == 8, areas
    sel = "(" + " | ".join(areas) + ")"
    w('  <!-- PROVISIONAL cut-offs: the official ones are not in the seeds. Groups are tried\n'
      '       in order; the first whose test holds is the person\'s. -->\n')
    w(f'  <index id="levekarsindeks" provisional="yes" areas="{" ".join(areas)}">\n')
    for gid, label, when in [
        ("blalys", "Blålys", f"count({sel}[. = 'rod']) >= 3"),
        ("rodt", "Rødt", f"count({sel}[. = 'rod']) >= 1"),
        ("gult", "Gult", f"count({sel}[. = 'gul']) >= 1"),
        ("gront", "Grønt", "true()"),
    ]:
        w(f'    <group id="{gid}" when={quoteattr(when)}>{label}</group>\n')
    w("  </index>\n")
    w("</definition>\n")


main()
