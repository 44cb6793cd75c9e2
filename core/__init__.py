
import warnings

# Connexion imports Starlette's test client, which asks for httpx2 (httpx works): not a
# user's concern, in any process that imports the service (uvicorn app:app, reference-apis).
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
