"""A small hand-made register over three years for the period tests: 2008 and 2010 are in it,
2009 is not at all."""

from helpers import minimal_tables, write_csv_folder


def register(tmp_path, **extra):
    """2008 and 2010 in the register, 2009 not at all: the figures are counted by hand in
    ``test_stats_per_year_is_counted_as_by_hand``. ``extra`` tables are added or replace."""
    return write_csv_folder(tmp_path / "d", minimal_tables(**{**dict(
        kurser=[{"ar": 2008, "kurs_id": "a", "namn": "Kurs A", "planerade_tillfallen": 2},
                {"ar": 2008, "kurs_id": "b", "namn": "Kurs B", "i_plan": "nej"},
                {"ar": 2010, "kurs_id": "c", "namn": "Kurs C", "inbjudna": 40}],
        tillfallen=[{"tillfalle_id": "a1", "kurs_id": "a", "datum": "2008-03-01"},
                    {"tillfalle_id": "a2", "kurs_id": "a", "datum": "2008-04-01"},
                    {"tillfalle_id": "b1", "kurs_id": "b", "datum": "2008-05-01",
                     "status": "inställd"},
                    {"tillfalle_id": "c1", "kurs_id": "c", "datum": "2010-03-01",
                     "antal_deltagare": 10}],
        deltagare=[{"tillfalle_id": "a1", "namn": "P1", "kon": "K", "organisationstyp": "stadsdel"},
                   {"tillfalle_id": "a1", "namn": "P2", "kon": "M", "organisationstyp": "fack"},
                   {"tillfalle_id": "a1", "namn": "P3", "kon": "K", "organisationstyp": "bolag",
                    "roll": "chef"},
                   {"tillfalle_id": "a2", "namn": "P1", "kon": "K", "organisationstyp": "stadsdel"},
                   {"tillfalle_id": "a2", "namn": "P2", "kon": "M", "organisationstyp": "fack"},
                   {"tillfalle_id": "a2", "namn": "P4", "kon": "M", "narvarande": "nej"}],
        utvarderingar=[{"tillfalle_id": "a1", "betyg": 4}, {"tillfalle_id": "a2", "betyg": 2}]
        + [{"kurs_id": "c", "ar": 2010, "betyg": b} for b in (3, 3, 3, 1, 4)],
        kostnader=[{"ar": 2008, "kurs_id": "a", "belopp": "1000"},
                   {"ar": 2008, "kurs_id": "", "belopp": "500"},
                   {"ar": 2010, "kurs_id": "c", "belopp": "2000"}],
        sammantraden=[{"datum": "2008-02-01"}]), **extra}))
