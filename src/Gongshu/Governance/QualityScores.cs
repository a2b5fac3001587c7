using Gongshu.Collection.Schedules;
using Gongshu.Governance.Rules;

namespace Gongshu.Governance;

/// <summary>
/// Dimension scores (0–100) of one load's findings: completeness (required), validity (formats,
/// code tables, ranges, check digits), uniqueness (unique), consistency (cross-field rules), and
/// timeliness (the data's age against the resource's update cycle). A dimension with no rule is
/// null; the overall score is the mean of the dimensions present.
/// </summary>
public sealed record QualityScores(double? Completeness, double? Validity, double? Uniqueness, double? Consistency, double? Timeliness, double? Overall)
{
    public static QualityScores From(IReadOnlyList<RuleOutcome> outcomes, string? updateCycle, TimeSpan? age)
    {
        double? Score(params string[] kinds)
        {
            var rules = outcomes.Where(o => kinds.Contains(KindOf(o))).ToList();
            var checkedValues = rules.Sum(r => r.Checked);
            return rules.Count == 0 || checkedValues == 0 ? null : Math.Round(100.0 * (1 - ((double)rules.Sum(r => r.Failed) / checkedValues)), 1);
        }

        var completeness = Score("required");
        var validity = Score("length", "pattern", "code_table", "range", "identity_number", "credit_code", "organization_code", "mobile", "email");
        var uniqueness = Score("unique");
        var consistency = Score("id_matches_birth_date", "id_matches_sex");
        var timeliness = TimelinessScore(updateCycle, age);
        double?[] present = [completeness, validity, uniqueness, consistency, timeliness];
        var scored = present.Where(s => s is not null).Select(s => s!.Value).ToList();
        return new QualityScores(completeness, validity, uniqueness, consistency, timeliness, scored.Count == 0 ? null : Math.Round(scored.Average(), 1));
    }

    // The kind is in the outcome's description ("id_number: identity_number"), which a stored
    // finding keeps whatever rules are in force today.
    private static string KindOf(RuleOutcome outcome)
    {
        var description = outcome.Description.AsSpan(outcome.Description.IndexOf(": ", StringComparison.Ordinal) + 2);
        var space = description.IndexOf(' ');
        return (space < 0 ? description : description[..space]).ToString();
    }

    // Full marks within the update cycle's allowance (the same one stale-data alerts use), then falling with age.
    private static double? TimelinessScore(string? updateCycle, TimeSpan? age)
        => age is { } a && updateCycle is not null && CollectionSources.StaleAfter.TryGetValue(updateCycle, out var allowed)
            ? Math.Round(a <= allowed ? 100 : 100 * allowed.TotalSeconds / a.TotalSeconds, 1)
            : null;
}
