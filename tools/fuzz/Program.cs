using SdnController.Fuzz;

return FuzzCommand.Run(args);
