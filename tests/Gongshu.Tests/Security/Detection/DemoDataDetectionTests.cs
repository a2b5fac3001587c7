using Gongshu.Demo;
using Gongshu.Security;
using Gongshu.Security.Detection;
using Gongshu.Security.Encryption;
using Xunit;

namespace Gongshu.Tests.Security.Detection;

/// <summary>
/// Detection on data it was not tuned on: the demo province's people and enterprises, generated
/// by code written before the detectors, column by column as a load's first batch would see them.
/// </summary>
public sealed class DemoDataDetectionTests
{
    [Fact]
    public void The_demo_people_columns_are_recognized()
        => Assert.Equal(
            ["person_name", "none", "identity_number", "none", "mobile_number", "none", "address"],
            Detect(DemoPeople.Columns.Select(c => c.Name).ToList(), DemoPeople.Generate(2048)));

    [Fact]
    public void The_demo_enterprise_columns_are_recognized_and_enterprise_names_are_not_taken_for_people()
        => Assert.Equal(
            ["credit_code", "none", "none", "person_name", "none", "none", "none", "none", "none", "address"],
            Detect(DemoEnterprises.Columns.Select(c => c.Name).ToList(), DemoEnterprises.Generate(2048)));

    private static List<string> Detect(IReadOnlyList<string> names, IEnumerable<object?[]> rows)
    {
        var scanners = names.Select(_ => new FieldScanner()).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < scanners.Length; i++)
            {
                scanners[i].Add(row[i] is { } value ? FieldValueText.ToText(value) : "");
            }
        }

        return scanners.Select((s, i) => s.Result(names[i]).Type.Code()).ToList();
    }
}
