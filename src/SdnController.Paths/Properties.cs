using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("SdnController.Paths.Tests")]
