using Airadcr.Reporting.Model;
using Airadcr.Web.Reports;

namespace Airadcr.Web.Tests;

/// <summary>Issue 24, item 1: a report signed after edits says which AI findings were kept, changed or removed.</summary>
public sealed class AiFindingReviewTests
{
    private static readonly AiFinding[] Findings =
    [
        new("Nodule", 0.91, "ct-nodule-candidates", "1.0.0", "LSD"),
        new("Calcification", 0.64, "ct-nodule-candidates", "1.0.0", null),
        new("Emphysème", 0.55, "ct-nodule-candidates", "1.0.0", null),
    ];

    private const string AiResults = """
        Analyse automatisée :
        1. Nodule, LSD, 6 mm (confiance 91 %, ct-nodule-candidates 1.0.0)
        2. Calcification, image 3 (confiance 64 %, ct-nodule-candidates 1.0.0)
        3. Emphysème, image 9 (confiance 55 %, ct-nodule-candidates 1.0.0)
        """;

    [Fact]
    public void A_line_kept_word_for_word_is_kept_an_edited_one_changed_a_deleted_one_removed()
    {
        var signed = """
            Analyse automatisée :
            1. Nodule, LSD, 6 mm (confiance 91 %, ct-nodule-candidates 1.0.0)
            2. Calcification bénigne, image 3
            """;

        var outcomes = AiFindingReview.Classify(Findings, AiResults, signed);

        Assert.Equal([AiFindingReview.Kept, AiFindingReview.Changed, AiFindingReview.Removed], outcomes.Select(o => o.Review));
        Assert.Equal(
            ["Résultat IA 1 (Nodule, LSD) : conservé", "Résultat IA 2 (Calcification) : modifié", "Résultat IA 3 (Emphysème) : supprimé"],
            AiFindingReview.Text(outcomes, ReportLanguage.French));
        Assert.Equal("AI finding 3 (Emphysème): removed", AiFindingReview.Text(outcomes, ReportLanguage.English)[2]);
    }

    [Fact]
    public void Unedited_results_keep_every_finding_and_a_finding_without_numbered_line_is_matched_by_label()
    {
        Assert.All(AiFindingReview.Classify(Findings, AiResults, AiResults), o => Assert.Equal(AiFindingReview.Kept, o.Review));

        var outcomes = AiFindingReview.Classify([Findings[0]], "Nodule lobaire supérieur droit de 6 mm.", "Pas de nodule retenu.");

        Assert.Equal(AiFindingReview.Changed, Assert.Single(outcomes).Review);
        Assert.Equal(AiFindingReview.Removed, Assert.Single(AiFindingReview.Classify([Findings[1]], "Calcification.", "Rien.")).Review);
    }
}
