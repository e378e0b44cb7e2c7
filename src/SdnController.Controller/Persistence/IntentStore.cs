using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SdnController.Controller.Persistence;

/// <summary>
/// The SQLite file behind the intent journal and its snapshots (<c>DIR/intents.db</c>): schema, the JSON form of
/// events and snapshots, and a check that an existing file is a readable store before a controller starts on it.
/// </summary>
public static class IntentStore
{
    public const string FileName = "intents.db";

    /// <summary>Bumped when the stored form changes; a store of another version is refused, never guessed at.</summary>
    public const int SchemaVersion = 1;

    internal static readonly JsonSerializerOptions Json = NfvConfigJson.Configure(new JsonSerializerOptions { WriteIndented = false });

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    internal static string ConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();

    /// <summary>
    /// Makes the directory and the store if absent; checks one that exists (a SQLite file of this schema whose every
    /// stored event and snapshot reads back). Null when usable, else what is wrong in one line (no stack trace).
    /// </summary>
    public static string? Prepare(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string file;
        try
        {
            Directory.CreateDirectory(directory);
            file = PathIn(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"--state {directory}: cannot create the directory: {e.Message}";
        }
        try
        {
            using var connection = Open(file);
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check";
                var result = check.ExecuteScalar() as string;
                if (result != "ok") return $"--state {directory}: {file} is damaged (SQLite quick_check: {result})";
            }
            // Every stored event and snapshot must read back: a store that recovers only part of its intents would lose some.
            foreach (var (manifest, payload) in ReadAll(connection, "SELECT manifest, payload FROM journal WHERE deleted = 0"))
                Deserialize(manifest, payload);
            foreach (var (manifest, payload) in ReadAll(connection, "SELECT manifest, payload FROM snapshots"))
                Deserialize(manifest, payload);
            return null;
        }
        catch (SqliteException e)
        {
            return $"--state {directory}: {file} is not a readable intent store: {e.Message.Replace("SQLite Error", "SQLite error")}";
        }
        catch (Exception e) when (e is JsonException or IntentStoreException or NotSupportedException)
        {
            return $"--state {directory}: {file} holds an unreadable intent: {e.Message}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--state {directory}: cannot open {file}: {e.Message}";
        }
    }

    /// <summary>Opens (creating if needed) and makes sure the tables exist and the schema version is ours.</summary>
    internal static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(ConnectionString(file));
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS journal (
                  persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL, manifest TEXT NOT NULL, payload TEXT NOT NULL,
                  writer TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (persistence_id, sequence_nr));
                CREATE TABLE IF NOT EXISTS snapshots (
                  persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL, created INTEGER NOT NULL, manifest TEXT NOT NULL,
                  payload TEXT NOT NULL, PRIMARY KEY (persistence_id, sequence_nr));
                INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', $version);
                SELECT value FROM meta WHERE key = 'schema';
                """;
            command.Parameters.AddWithValue("$version", SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var version = command.ExecuteScalar() as string;
            if (version != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw new IntentStoreException($"the store has schema version {version}, this controller reads version {SchemaVersion}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static List<(string, string)> ReadAll(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    internal static (string Manifest, string Payload) Serialize(object payload) => payload switch
    {
        IntentEvent e => ("intent", JsonSerializer.Serialize(e, Json)),
        IntentState s => ("intents", JsonSerializer.Serialize(s, Json)),
        _ => throw new IntentStoreException($"the intent store keeps intents only, not {payload.GetType().Name}"),
    };

    internal static object Deserialize(string manifest, string payload) => manifest switch
    {
        "intent" => Checked(JsonSerializer.Deserialize<IntentEvent>(payload, Json) ?? throw new IntentStoreException("an empty intent")),
        "intents" => Checked(JsonSerializer.Deserialize<IntentState>(payload, Json) ?? throw new IntentStoreException("an empty snapshot")),
        _ => throw new IntentStoreException($"unknown stored kind '{manifest}'"),
    };

    /// <summary>What the serializer cannot check: a replaced configuration has a version (the first replacement is 2).</summary>
    private static T Checked<T>(T stored)
    {
        switch (stored)
        {
            case FunctionConfigReplaced c:
                Check(c);
                break;
            case IntentState state:
                foreach (var c in state.Configs) Check(c);
                break;
        }
        return stored;
    }

    private static void Check(FunctionConfigReplaced c)
    {
        if (c.Version < 1) throw new IntentStoreException($"function '{c.FunctionId}''s replaced configuration has version {c.Version}");
    }
}

/// <summary>The intent store cannot be used (wrong schema, unknown content); reported as one line.</summary>
public sealed class IntentStoreException(string message) : Exception(message);
