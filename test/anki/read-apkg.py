# Independent reader for the tests: unzips an .apkg with Python's zipfile and reads collection.anki2
# with Python's sqlite3, printing everything the tests check as JSON. Nothing here shares code with the
# TypeScript writer.
import hashlib, json, re, sqlite3, sys, tempfile, zipfile, os, html

def strip_html(s):
    s = re.sub(r"(?s)<!--.*?-->", "", s)
    s = re.sub(r"(?si)<style.*?>.*?</style>", "", s)
    s = re.sub(r"(?si)<script.*?>.*?</script>", "", s)
    s = re.sub(r"(?s)<.*?>", "", s)
    s = s.replace("&nbsp;", " ")
    return html.unescape(s)

path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    infos = [{"name": i.filename, "date_time": list(i.date_time), "compress_type": i.compress_type} for i in z.infolist()]
    media = z.read("media").decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        z.extract("collection.anki2", tmp)
        con = sqlite3.connect(os.path.join(tmp, "collection.anki2"))
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        tables = sorted(r[0] for r in con.execute("select name from sqlite_master where type='table'"))
        indexes = sorted(r[0] for r in con.execute("select name from sqlite_master where type='index'"))
        col = con.execute("select id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags from col").fetchall()
        notes = []
        for (nid, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) in con.execute("select * from notes order by id"):
            fields = flds.split("\x1f")
            notes.append({
                "id": nid, "guid": guid, "mid": mid, "mod": mod, "usn": usn, "tags": tags, "fields": fields,
                "sfld": sfld, "sfld_type": type(sfld).__name__, "csum": csum, "flags": flags, "data": data,
                "csum_expected": int(hashlib.sha1(strip_html(fields[0]).encode("utf-8")).hexdigest()[:8], 16),
                "sfld_expected": strip_html(fields[0]),
            })
        cards = [dict(zip(["id", "nid", "did", "ord", "mod", "usn", "type", "queue", "due", "ivl", "factor", "reps",
                            "lapses", "left", "odue", "odid", "flags", "data"], r))
                 for r in con.execute("select * from cards order by id")]
        revlog = con.execute("select count(*) from revlog").fetchone()[0]
        con.close()

print(json.dumps({
    "entries": infos, "media": media, "integrity": integrity, "tables": tables, "indexes": indexes,
    "col": [{"id": r[0], "crt": r[1], "mod": r[2], "scm": r[3], "ver": r[4], "dty": r[5], "usn": r[6], "ls": r[7],
             "conf": json.loads(r[8]), "models": json.loads(r[9]), "decks": json.loads(r[10]),
             "dconf": json.loads(r[11]), "tags": json.loads(r[12])} for r in col],
    "notes": notes, "cards": cards, "revlog": revlog,
}, ensure_ascii=False))
