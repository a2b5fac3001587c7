using Gongshu.Collection.Sources;

namespace Gongshu.Tests.CollectionTests.Sources;

/// <summary>A record as a test sees it: where it starts and its values.</summary>
public sealed record SourceRecord(long Position, object?[] Values);

public static class SourceRecords
{
    /// <summary>Reads every remaining record, each with <see cref="SourceReader.FieldCount"/> values.</summary>
    public static async Task<List<SourceRecord>> ReadAllAsync(this SourceReader reader)
    {
        var records = new List<SourceRecord>();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader[i];
            }

            records.Add(new SourceRecord(reader.Position, values));
        }

        return records;
    }
}
