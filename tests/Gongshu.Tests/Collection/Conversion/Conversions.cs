using Gongshu.Collection.Conversion;
using Gongshu.Storage;
using Xunit;

namespace Gongshu.Tests.CollectionTests.Conversion;

/// <summary>Converts one value for a column and asserts the outcome.</summary>
internal static class Conversions
{
    public static object? Accepted(DatasetColumn column, object? value)
    {
        var converted = FieldConverter.For(column).TryConvert(value, out var result, out var reason);
        Assert.True(converted, $"{Show(value)} was rejected: {reason}");
        Assert.Null(reason);
        if (result is not null)
        {
            Assert.IsType(column.Type.ClrType(), result);
        }

        return result;
    }

    public static object? Accepted(FieldType type, object? value) => Accepted(new DatasetColumn("field", type), value);

    public static string Rejected(DatasetColumn column, object? value)
    {
        var converted = FieldConverter.For(column).TryConvert(value, out var result, out var reason);
        Assert.False(converted, $"{Show(value)} was accepted as {Show(result)}");
        Assert.Null(result);
        Assert.NotNull(reason);
        return reason;
    }

    public static string Rejected(FieldType type, object? value) => Rejected(new DatasetColumn("field", type), value);

    private static string Show(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";
}
