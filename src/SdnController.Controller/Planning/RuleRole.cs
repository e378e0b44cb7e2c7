namespace SdnController.Controller.Planning;

/// <summary>
/// What a flow direction's rule on one switch does besides output. A flow's untagged version (its
/// original) uses <see cref="Plain"/> everywhere. Its tagged version: the ingress switch matches the
/// untagged headers and pushes <see cref="RulePlanner.VersionVlan"/> (<see cref="PushTag"/>), every later
/// switch matches headers and tag, and the egress switch pops the tag before the host port
/// (<see cref="PopTag"/>). A one-switch path needs no tag.
/// </summary>
public enum RuleRole { Plain, PushTag, PopTag }
