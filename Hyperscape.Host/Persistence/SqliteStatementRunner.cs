using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// Runs a <see cref="SqlStatement"/> on an open SQLite connection through SQLite's own API:
/// prepared, bound by name, stepped and finalized, with the statement's text and parameter names
/// converted to UTF-8 once per distinct text instead of once per run.
/// </summary>
/// <remarks>
/// Item transactions are the server's busiest writes. Through Dapper and ADO.NET parameters each
/// statement cost a parameter dictionary, a command, a binder, a parameter object and a UTF-8
/// copy of its text and of every name: most of what the server allocated once warm, and so most
/// of its collections. SQLite runs in process, so binding straight to the statement is all a
/// write needs.
/// </remarks>
internal static class SqliteStatementRunner
{
    // Statement texts are a fixed set plus multi-row inserts by row count: bounded, but capped anyway.
    private const int MostTextsKept = 1024;

    private static readonly ConcurrentDictionary<string, byte[]> Texts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte[]> Names = new(StringComparer.Ordinal);

    /// <summary>Runs the statement; the rows it inserted, updated or deleted (0 for a read).</summary>
    public static int Execute(sqlite3 db, SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(statement);
        var text = Utf8(Texts, statement.Sql, prefix: null);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, utf8z.FromSpan(text), out var prepared), db);
        using (prepared)
        {
            foreach (var (name, value) in statement.Parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(prepared, utf8z.FromSpan(Utf8(Names, name, prefix: "@")));
                if (index == 0)
                {
                    throw new InvalidOperationException($"The statement has no parameter @{name}: {statement.Sql}");
                }

                SqliteException.ThrowExceptionForRC(Bind(prepared, index, value), db);
            }

            int step;
            while ((step = raw.sqlite3_step(prepared)) == raw.SQLITE_ROW)
            {
            }

            if (step != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, db);
            }

            return raw.sqlite3_stmt_readonly(prepared) != 0 ? 0 : raw.sqlite3_changes(db);
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(statement, index, real),
        float real => raw.sqlite3_bind_double(statement, index, real),
        string text => raw.sqlite3_bind_text(statement, index, text),
        byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),

        // As Microsoft.Data.Sqlite writes them, so rows read back the same whichever path wrote them.
        DateTime moment => raw.sqlite3_bind_text(statement, index, moment.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset moment => raw.sqlite3_bind_text(statement, index, moment.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        Enum member => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(member, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be bound to an SQLite parameter here."),
    };

    // NUL-terminated, as utf8z needs.
    private static byte[] Utf8(ConcurrentDictionary<string, byte[]> cache, string text, string? prefix)
    {
        if (cache.TryGetValue(text, out var bytes))
        {
            return bytes;
        }

        var full = prefix + text;
        bytes = new byte[Encoding.UTF8.GetByteCount(full) + 1];
        Encoding.UTF8.GetBytes(full, bytes);
        if (cache.Count < MostTextsKept)
        {
            cache.TryAdd(text, bytes);
        }

        return bytes;
    }
}
