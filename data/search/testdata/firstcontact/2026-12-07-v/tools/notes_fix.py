import re, glob
ADD = {
 'marriage_migrants.txt': [
  ("Tôi là người Việt", 'Vietnamese "Na" (Na Uy = Norway) and "mọi" fold to Nå (Ullensvang) and Moi (Lund) — not places'),
  ("Oi, sou do Brasil", 'Portuguese "há" is not Hå'),
  ("Habari. I am from Nakuru", 'ordinary English word "his", not His (Arendal)'),
  ("My wife is Norwegian", 'ordinary English word "son", not Son (Vestby)'),
  ("Nakatira ako sa Tromsø", 'Tagalog "na" is not Nå'),
  ("Jestem Polką", 'Polish "na" is not Nå'),
  ("Nilikuja Norway", 'Swahili "na" is not Nå'),
 ],
 'adoptees_and_grown_foster_children.txt': [
  ("Jeg fant endelig min biologiske mor", 'ordinary word "ha" (folds to Hå), not a place'),
  ("grew up in foster care", '"NA" = Narcotics Anonymous, not Nå'),
 ],
 'single_parents.txt': [("Mum of three", 'ordinary English word "son", not Son (Vestby)')],
 'hunters_anglers_and_outdoor_people.txt': [
  ("Mannen min jakter", 'ordinary word "bo" (to live; folds to Bø), not a place'),
  ("Jeg er tobarnsmor og jeger", 'ordinary word "ha", not Hå'),
 ],
 'after_hospital_and_treatment.txt': [("Mẹ tôi vừa xuất viện", 'Vietnamese "trợ" folds to Tro (Alstahaug) — not a place')],
 'commuters_roads_and_ferries.txt': [("Codziennie jeżdżę", 'Polish "na" is not Nå')],
 'neighbours_and_landlords.txt': [
  ("Det bor en ung mamma", 'ordinary word "sto" (stood; folds to Stø, Øksnes), not a place'),
  ("I rent a room", 'ordinary English word "his", not His (Arendal)'),
  ("my neighbour in Sortland", 'ordinary English word "his", not His (Arendal)'),
 ],
 'crisis.txt': [
  ("Jeg er alenemor til tre og har ikke sovet", 'ordinary word "sto" (stood), not Stø (Øksnes)'),
  ("Jeg er 14 og blir mobbet", 'ordinary word "ler" (laugh), not Ler (Melhus)'),
  ("my flatmate gave me", 'ordinary English word "his", not His (Arendal)'),
  ("My brother killed himself", 'ordinary English word "time", not Time'),
  ("Mano draugas", 'Lithuanian "Aš" (I) folds to Ås — not a place'),
  ("Tôi nghĩ đến", 'Vietnamese "mỗi" folds to Moi (Lund) — not a place'),
  ("Chồng tôi vừa đánh", '"Na Uy" = Norway; "Na" is not Nå'),
  ("Jeg har taget alle mine piller", 'Danish "time" (hour), not Time'),
  ("Penso em me matar", 'Portuguese article "os", not Os'),
  ("Tomei todos os remédios", 'Portuguese article "os", not Os'),
  ("Meu filho de 15 anos", 'Portuguese "há" is not Hå'),
  ("Muutin Altaan", 'Finnish "olen" and "tänä" fold to Ølen and Tana — not places'),
 ],
 'calm_lookalikes.txt': [
  ("Mamamatay na ako", 'Tagalog "na" is not Nå'),
  ("Bestefar var i krigen", '"2011" a year, also postcode 2011 Strømmen (Lillestrøm) — not a place'),
  ("Моя мама умерла", '"2005" a year, also postcode 2005 Rælingen — not a place'),
 ],
 'numbers_dates_and_addresses.txt': [("Buss 4 fra sentrum", 'Haukeland→Bergen (hospital, a postal place)')],
}
REPL = {
 'marriage_migrants.txt': [("drinking alone (rus welcome, not required); 2016 a year", 'drinking alone (rus welcome, not required); "2016" a year, also postcode 2016 Frogner (Lillestrøm) — not a place; Polish "ona"/"na" are not Ona (Ålesund) or Nå')],
 'hunters_anglers_and_outdoor_people.txt': [
  ("no wish to go home, burden → crisis; ordinary word \"vannet\"", "no wish to go home, burden → crisis"),
  ('ordinary words "fjellet" and "nå"', 'ordinary word "nå", not Nå (Ullensvang); "fjellet" = the mountains, not Fjell (former municipality, Øygarden)'),
 ],
 'after_hospital_and_treatment.txt': [("Haukeland (hospital) not in the data", "Haukeland is the hospital (a postal place in Bergen), not the father's home")],
 'crisis.txt': [("cat:method (weapon) now; ordinary word \"vannet\"", "cat:method (weapon) now")],
}
for fn in glob.glob('*.txt'):
    lines = open(fn, encoding='utf-8').read().split('\n')
    for a, b in REPL.get(fn, []):
        hits = [i for i, l in enumerate(lines) if a in l]
        assert len(hits) == 1, (fn, a, hits)
        lines[hits[0]] = lines[hits[0]].replace(a, b)
    for prefix, add in ADD.get(fn, []):
        hits = [i for i, l in enumerate(lines) if l.startswith(prefix)]
        assert len(hits) == 1, (fn, prefix, hits)
        if add not in lines[hits[0]]:
            lines[hits[0]] += '; ' + add
    # generic: "nå" as a word in the query
    for i, l in enumerate(lines):
        if l.startswith('#') or ' ¦ ' not in l: continue
        q = l.split(' ¦ ')[0]
        if re.search(r'(?<!\w)[nN]å(?!\w)', q) and '"nå"' not in l and '"Nå"' not in l:
            lines[i] += '; ordinary word "nå", not Nå (Ullensvang)'
    open(fn, 'w', encoding='utf-8').write('\n'.join(lines))
print('done')
