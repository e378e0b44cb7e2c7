using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;

namespace SdnController.Controller.Persistence;

/// <summary>Supervisor → journal: store this intent.</summary>
internal sealed record RecordIntent(IntentEvent Event);

/// <summary>Journal → supervisor: recovery done; the intents in force and how many events and snapshots it read.</summary>
internal sealed record IntentsRecovered(IntentState State, long EventsReplayed, bool FromSnapshot);

/// <summary>Journal → supervisor: the store could not be read; the controller cannot start on it.</summary>
internal sealed record IntentRecoveryFailed(string Reason);

/// <summary>
/// The controller's intent journal ("intents", a child of the supervisor): an Akka.Persistence actor that stores every
/// intent as an immutable event in the SQLite store (<see cref="SqliteJournal"/>), folds them into an
/// <see cref="IntentState"/>, snapshots it every <see cref="SnapshotEvery"/> events, and on start hands the recovered
/// state to the supervisor, which makes it true again before any switch connects.
/// </summary>
internal sealed class IntentJournalActor : ReceivePersistentActor
{
    public const int SnapshotEvery = 100;
    public const string JournalPlugin = "sdn.intent-journal";
    public const string SnapshotPlugin = "sdn.intent-snapshots";

    private IntentState _state = IntentState.Empty;
    private long _replayed;
    private bool _fromSnapshot;

    public IntentJournalActor()
    {
        JournalPluginId = JournalPlugin;
        SnapshotPluginId = SnapshotPlugin;
        Recover<SnapshotOffer>(o =>
        {
            _state = (IntentState)o.Snapshot;
            _fromSnapshot = true;
        });
        Recover<IntentEvent>(e =>
        {
            _state = _state.Apply(e);
            _replayed++;
        });
        Recover<RecoveryCompleted>(_ => Context.Parent.Tell(new IntentsRecovered(_state, _replayed, _fromSnapshot)));
        Command<RecordIntent>(m => Persist(m.Event, e =>
        {
            _state = _state.Apply(e);
            if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(_state);
        }));
        Command<SaveSnapshotSuccess>(m => DeleteMessages(m.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(_ => { });   // the events are still there; the next snapshot tries again
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    public override string PersistenceId => "sdn-controller-intents";

    public static Props Props(string dispatcher) => Akka.Actor.Props.Create(() => new IntentJournalActor()).WithDispatcher(dispatcher);

    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        Context.Parent.Tell(new IntentRecoveryFailed(reason.Message));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Context.Parent.Tell(new IntentRecoveryFailed($"writing intent {sequenceNr} failed: {cause.Message}"));

    /// <summary>
    /// The journal and snapshot plugins on the store in <paramref name="directory"/>, run on <paramref name="dispatcher"/>
    /// (the controller's: in a virtual-time run, the run's loop).
    /// </summary>
    public static Config PluginConfig(string directory, string dispatcher)
    {
        var path = IntentStore.PathIn(Path.GetFullPath(directory)).Replace("\\", "\\\\").Replace("\"", "\\\"");
        return ConfigurationFactory.ParseString($$"""
            sdn.intent-journal {
              class = "{{typeof(SqliteJournal).AssemblyQualifiedName}}"
              plugin-dispatcher = "{{dispatcher}}"
              path = "{{path}}"
            }
            sdn.intent-snapshots {
              class = "{{typeof(SqliteSnapshotStore).AssemblyQualifiedName}}"
              plugin-dispatcher = "{{dispatcher}}"
              path = "{{path}}"
            }
            """);
    }
}
