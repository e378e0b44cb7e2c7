using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace SdnController.Controller.Persistence;

/// <summary>
/// Akka.Persistence journal on the SQLite intent store. Each call runs to completion before it returns (a completed
/// task): the plugin runs on the controller's dispatcher, so in a virtual-time run an intent is on disk at the same
/// virtual instant it was made, and recovery is deterministic. Intents are few (declarations, blocks, health
/// changes), so synchronous writes cost nothing the control plane notices.
/// </summary>
public sealed class SqliteJournal : AsyncWriteJournal
{
    private readonly SqliteConnection _connection;

    public SqliteJournal(Config config)
    {
        _connection = IntentStore.Open(config.GetString("path"));
    }

    protected override void PostStop()
    {
        _connection.Dispose();
        base.PostStop();
    }

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT sequence_nr, manifest, payload, writer FROM journal
            WHERE persistence_id = $id AND sequence_nr >= $from AND sequence_nr <= $to AND deleted = 0
            ORDER BY sequence_nr LIMIT $max
            """;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max > int.MaxValue ? int.MaxValue : max);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var payload = IntentStore.Deserialize(reader.GetString(1), reader.GetString(2));
            recoveryCallback(new Persistent(payload, reader.GetInt64(0), persistenceId, reader.GetString(1), false, ActorRefs.NoSender, reader.GetString(3)));
        }
        return Task.CompletedTask;
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence_nr), 0) FROM journal WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return Task.FromResult(Math.Max(fromSequenceNr, (long)command.ExecuteScalar()!));
    }

    protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var results = ImmutableList.CreateBuilder<Exception?>();
        foreach (var write in messages)
        {
            // One transaction per atomic write: all of its events are stored or none.
            try
            {
                using var transaction = _connection.BeginTransaction();
                foreach (var p in (IImmutableList<IPersistentRepresentation>)write.Payload)
                {
                    var (manifest, payload) = IntentStore.Serialize(p.Payload);
                    using var command = _connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, writer) VALUES ($id, $seq, $manifest, $payload, $writer)";
                    command.Parameters.AddWithValue("$id", p.PersistenceId);
                    command.Parameters.AddWithValue("$seq", p.SequenceNr);
                    command.Parameters.AddWithValue("$manifest", manifest);
                    command.Parameters.AddWithValue("$payload", payload);
                    command.Parameters.AddWithValue("$writer", p.WriterGuid ?? "");
                    command.ExecuteNonQuery();
                }
                transaction.Commit();
                results.Add(null);
            }
            catch (IntentStoreException e)
            {
                results.Add(e);   // rejected (not storable); the journal goes on
            }
        }
        return Task.FromResult<IImmutableList<Exception?>>(results.ToImmutable());
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        // Marked, not removed: the highest sequence number must survive deleting everything up to it.
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE journal SET deleted = 1 WHERE persistence_id = $id AND sequence_nr <= $to";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}
