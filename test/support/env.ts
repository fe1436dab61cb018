process.env.GPU_TCO_CONSOLE = 'off';
