"""Indexes of the back-office queue at scale (docs/backoffice.md, "The queue at scale").

``antrean`` (0 while pending, 1 afterwards) is a stored generated column, so the queue's
order ``antrean, diperbarui, id`` is a plain index; a status filter walks
``status, diperbarui, id``; a 16-digit search finds NIK (unique) or Nomor KK by equality.
On PostgreSQL the name search (``UPPER(nama_lengkap) LIKE '%…%'``) uses a pg_trgm GIN
index on the same expression; other databases get no such index.
"""

from django.db import migrations, models

TRIGRAM_INDEX = "pemohon_nama_trgm_idx"


def trigram_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON accounts_pemohon "
        "USING gin (UPPER(nama_lengkap) gin_trgm_ops)"
    )


def trigram_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('regions', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='pemohon',
            name='antrean',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(status='menunggu', then=models.Value(0)), default=models.Value(1)), output_field=models.SmallIntegerField()),
        ),
        migrations.AddIndex(
            model_name='pemohon',
            index=models.Index(fields=['antrean', 'diperbarui', 'id'], name='pemohon_antrean_idx'),
        ),
        migrations.AddIndex(
            model_name='pemohon',
            index=models.Index(fields=['status', 'diperbarui', 'id'], name='pemohon_status_antrean_idx'),
        ),
        migrations.AddIndex(
            model_name='pemohon',
            index=models.Index(fields=['nomor_kk'], name='pemohon_nomor_kk_idx'),
        ),
        migrations.RunPython(trigram_index_create, trigram_index_drop, elidable=False),
    ]
