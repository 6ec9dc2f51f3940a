// The console server arrives with its own issue; until then the host only proves it starts and stops.
Console.WriteLine("Hyperscape.Host: server not implemented yet.");
return 0;
