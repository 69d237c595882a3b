# Issue #7 (privacy): BSN encrypted at rest with a blind index and a legal basis (ADR 0007),
# legal hold on cases, and the anonymisation markers of the retention run.

import overstap.core.validators
import overstap.privacy.fields
from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    """Encrypt BSNs stored in plain text before this migration and fill their digest."""
    from overstap.privacy import crypto

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, bsn FROM cases_person WHERE bsn <> ''")
        rows = cursor.fetchall()
        for pk, bsn in rows:
            if bsn.startswith(crypto.TOKEN_PREFIX):
                continue
            cursor.execute(
                "UPDATE cases_person SET bsn = %s, bsn_digest = %s WHERE id = %s",
                [crypto.encrypt(bsn), crypto.bsn_digest(bsn), pk],
            )


def decrypt_existing(apps, schema_editor):
    from overstap.privacy import crypto

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, bsn FROM cases_person WHERE bsn <> ''")
        for pk, token in cursor.fetchall():
            if token.startswith(crypto.TOKEN_PREFIX):
                cursor.execute(
                    "UPDATE cases_person SET bsn = %s WHERE id = %s", [crypto.decrypt(token), pk]
                )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_alter_case_signal_source'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='anonymised at'),
        ),
        migrations.AddField(
            model_name='case',
            name='legal_hold',
            field=models.BooleanField(default=False, verbose_name='legal hold'),
        ),
        migrations.AddField(
            model_name='case',
            name='legal_hold_reason',
            field=models.TextField(blank=True, verbose_name='reason for the legal hold'),
        ),
        migrations.AddField(
            model_name='case',
            name='legal_hold_since',
            field=models.DateTimeField(blank=True, null=True, verbose_name='legal hold since'),
        ),
        migrations.AddField(
            model_name='person',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='anonymised at'),
        ),
        migrations.AddField(
            model_name='person',
            name='bsn_digest',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='person',
            name='bsn_legal_basis',
            field=models.CharField(blank=True, choices=[('suwi', 'Wet SUWI: work and income chain (UWV, municipality)'), ('participatiewet', 'Participation Act (municipality)'), ('ww', 'Unemployment Insurance Act (UWV)'), ('other_law', 'Another statutory task of the registering organisation')], max_length=20, verbose_name='legal basis for the BSN'),
        ),
        migrations.AlterField(
            model_name='person',
            name='bsn',
            field=overstap.privacy.fields.EncryptedCharField(blank=True, default='', plaintext_max_length=9, validators=[overstap.core.validators.validate_bsn], verbose_name='BSN'),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
