from django.db import migrations, models


def one_kind_becomes_a_list(apps, schema_editor):
    """Each existing referral keeps its single kind of question, now as a list of one."""
    referral = apps.get_model("referrals", "Referral")
    for row in referral.objects.only("pk", "category").iterator():
        referral.objects.filter(pk=row.pk).update(categories=[row.category] if row.category else [])


def first_kind_back(apps, schema_editor):
    referral = apps.get_model("referrals", "Referral")
    for row in referral.objects.only("pk", "categories").iterator():
        kinds = row.categories or ["social"]
        referral.objects.filter(pk=row.pk).update(category=kinds[0])


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0003_follow_up_from_the_last_conversation'),
    ]

    operations = [
        migrations.AddField(
            model_name='referral',
            name='categories',
            field=models.JSONField(default=list, verbose_name='kinds of question'),
        ),
        # A default lets the column come back when this migration is undone.
        migrations.AlterField(
            model_name='referral',
            name='category',
            field=models.CharField(choices=[('physical', 'Physical'), ('emotional', 'Emotional'), ('social', 'Social')], default='social', max_length=16, verbose_name='kind of question'),
        ),
        migrations.RunPython(one_kind_becomes_a_list, first_kind_back),
        migrations.RemoveField(
            model_name='referral',
            name='category',
        ),
    ]
