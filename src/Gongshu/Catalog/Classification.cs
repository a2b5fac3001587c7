using System.Data.Common;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Catalog;

/// <summary>
/// A node of the reference classification (信息资源分类): level 1 类 (e.g. <c>1</c> 基础), 2 项
/// (<c>101</c> 人口), 3 目 (<c>101001</c>), 4 细目 (<c>105001001</c>). Resources are filed under
/// a 项, 目 or 细目, never directly under a 类.
/// </summary>
public sealed record Classification(string Code, string? ParentCode, int Level, string Name);

/// <summary>Reads the classification table seeded by the catalog migration.</summary>
public sealed class Classifications(Database database)
{
    /// <summary>Every classification, in code order (a parent before its children).</summary>
    public async Task<IReadOnlyList<Classification>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ClassificationRow>(new CommandDefinition(
            $"{SelectColumns} ORDER BY code", cancellationToken: ct));
        return rows.Select(r => r.ToClassification()).ToList();
    }

    public async Task<Classification?> FindAsync(string code, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await FindAsync(connection, null, code, ct);
    }

    internal static async Task<Classification?> FindAsync(DbConnection connection, DbTransaction? tx, string code, CancellationToken ct)
        => (await connection.QuerySingleOrDefaultAsync<ClassificationRow>(new CommandDefinition(
            $"{SelectColumns} WHERE code = @code", new { code }, tx, cancellationToken: ct)))?.ToClassification();

    private const string SelectColumns = "SELECT code, parent_code AS ParentCode, level, name FROM catalog_classifications";

    private sealed class ClassificationRow
    {
        public string Code { get; set; } = "";
        public string? ParentCode { get; set; }
        public long Level { get; set; }
        public string Name { get; set; } = "";

        public Classification ToClassification() => new(Code, ParentCode, (int)Level, Name);
    }
}
