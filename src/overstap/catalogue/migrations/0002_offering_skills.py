from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="offering",
            name="skills",
            field=models.ManyToManyField(
                blank=True,
                related_name="offerings",
                to="taxonomy.skill",
                verbose_name="skills this offering teaches",
            ),
        ),
    ]
