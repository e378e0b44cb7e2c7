using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using Microsoft.Data.Sqlite;

namespace SdnController.Controller.Persistence;

/// <summary>Akka.Persistence snapshot store on the SQLite intent store; synchronous like <see cref="SqliteJournal"/>.</summary>
public sealed class SqliteSnapshotStore : SnapshotStore
{
    private readonly SqliteConnection _connection;

    public SqliteSnapshotStore(Config config)
    {
        _connection = IntentStore.Open(config.GetString("path"));
    }

    protected override void PostStop()
    {
        _connection.Dispose();
        base.PostStop();
    }

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT sequence_nr, created, manifest, payload FROM snapshots
            WHERE persistence_id = $id AND sequence_nr <= $maxSeq AND sequence_nr >= $minSeq AND created <= $maxTime AND created >= $minTime
            ORDER BY sequence_nr DESC LIMIT 1
            """;
        AddCriteria(command, persistenceId, criteria);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return Task.FromResult<SelectedSnapshot?>(null);
        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
        return Task.FromResult<SelectedSnapshot?>(new SelectedSnapshot(metadata, IntentStore.Deserialize(reader.GetString(2), reader.GetString(3))));
    }

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        var (manifest, payload) = IntentStore.Serialize(snapshot);
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO snapshots (persistence_id, sequence_nr, created, manifest, payload) VALUES ($id, $seq, $created, $manifest, $payload)";
        command.Parameters.AddWithValue("$id", metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        command.Parameters.AddWithValue("$created", metadata.Timestamp.Ticks);
        command.Parameters.AddWithValue("$manifest", manifest);
        command.Parameters.AddWithValue("$payload", payload);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM snapshots WHERE persistence_id = $id AND sequence_nr = $seq";
        command.Parameters.AddWithValue("$id", metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            DELETE FROM snapshots WHERE persistence_id = $id AND sequence_nr <= $maxSeq AND sequence_nr >= $minSeq
            AND created <= $maxTime AND created >= $minTime
            """;
        AddCriteria(command, persistenceId, criteria);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private static void AddCriteria(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$maxTime", criteria.MaxTimeStamp.Ticks);
        command.Parameters.AddWithValue("$minTime", (criteria.MinTimestamp ?? DateTime.MinValue).Ticks);
    }
}
